package io.coco4j.cli.admin;

import io.coco4j.kbs.admin.AdminKeyPair;
import io.coco4j.kbs.admin.AdminSigningKey;
import io.coco4j.kbs.admin.AdminTokenMinter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code coco4j admin token}: prints a signed admin token for the KBS admin API. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Print a signed admin token (JWT) for the KBS admin API.",
                "Ed25519 keys sign with EdDSA, EC P-256 keys with ES256, RSA keys with RS256."})
public final class AdminTokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--admin-key", required = true, paramLabel = "FILE",
            description = "PEM private key (for example admin-private.pem from 'coco4j admin keygen').")
    Path key;

    @Option(names = "--role", defaultValue = AdminKeyPair.DEFAULT_ROLE, paramLabel = "ROLE",
            description = "The role claim the KBS ACL is keyed on (default: ${DEFAULT-VALUE}).")
    String role;

    @Option(names = "--issuer", paramLabel = "ISS", description = "The iss claim (needed when the identity provider sets issuer).")
    String issuer;

    @Option(names = "--audience", paramLabel = "AUD", description = "The aud claim (needed when the identity provider sets audience).")
    String audience;

    @Option(names = "--ttl", defaultValue = "1h", paramLabel = "DURATION", converter = TtlConverter.class,
            description = "How long the token is valid, e.g. 90s, 30m, 1h, 2d, 1h30m or PT1H (default: ${DEFAULT-VALUE}).")
    Duration ttl;

    @Override
    public Integer call() {
        PrintWriter stderr = spec.commandLine().getErr();
        AdminSigningKey signingKey;
        try {
            signingKey = AdminSigningKey.load(key);
        } catch (IOException e) {
            stderr.println("coco4j admin token: cannot use " + key + ": " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            stderr.println("coco4j admin token: " + e.getMessage());
            return 1;
        }
        String token = AdminTokenMinter.mint(signingKey, role, Optional.ofNullable(issuer).filter(s -> !s.isEmpty()),
                Optional.ofNullable(audience).filter(s -> !s.isEmpty()), ttl, Instant.now());
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(token);
        stdout.flush();
        return 0;
    }

    /** Durations as {@code 90s}, {@code 30m}, {@code 1h}, {@code 2d}, combinations like {@code 1h30m}, or ISO-8601. */
    public static final class TtlConverter implements ITypeConverter<Duration> {

        private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");

        @Override
        public Duration convert(String value) {
            String text = value.trim().toLowerCase(Locale.ROOT);
            Duration duration = Duration.ZERO;
            if (text.startsWith("p")) {
                try {
                    duration = Duration.parse(text.toUpperCase(Locale.ROOT));
                } catch (DateTimeParseException e) {
                    throw new TypeConversionException("'" + value + "' is not a duration");
                }
            } else {
                Matcher matcher = PART.matcher(text);
                int end = 0;
                while (matcher.find() && matcher.start() == end) {
                    long amount = Long.parseLong(matcher.group(1));
                    duration = duration.plus(switch (matcher.group(2)) {
                        case "d" -> Duration.ofDays(amount);
                        case "h" -> Duration.ofHours(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        default -> Duration.ofSeconds(amount);
                    });
                    end = matcher.end();
                }
                if (end == 0 || end != text.length()) {
                    throw new TypeConversionException("'" + value + "' is not a duration (use e.g. 90s, 30m, 1h, 2d)");
                }
            }
            if (duration.isZero() || duration.isNegative()) {
                throw new TypeConversionException("the token lifetime must be positive");
            }
            return duration;
        }
    }
}
