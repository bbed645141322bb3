package io.coco4j.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coco4j.kbs.admin.AdminAuthException;
import io.coco4j.kbs.admin.AdminAuthFailure;
import io.coco4j.kbs.admin.AdminAuthorizer;
import io.coco4j.kbs.config.ConfigFormat;
import io.coco4j.kbs.config.KbsConfigLoader;
import io.coco4j.kbs.jwks.CompactJws;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AdminCommandsTest {

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void keygenAndTokenProduceATokenTheSnippetAccepts() throws Exception {
        Run keygen = run(new AdminKeygenCommand(), "--out", dir.resolve("admin").toString());
        assertThat(keygen.exitCode()).isEqualTo(0);
        Path privateKey = dir.resolve("admin/admin-private.pem");
        assertThat(Files.getPosixFilePermissions(privateKey)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(keygen.out()).contains("authorization_mode = \"AuthenticatedAuthorization\"")
                .contains(dir.resolve("admin/admin-public.pem").toAbsolutePath().toString());

        var config = KbsConfigLoader.parse("[http_server]\n" + keygen.out(), ConfigFormat.TOML).config();
        AdminAuthorizer authorizer = AdminAuthorizer.create(config.admin());

        Run token = run(new AdminTokenCommand(), "--admin-key", privateKey.toString(), "--ttl", "10m");
        assertThat(token.exitCode()).isEqualTo(0);
        String jwt = token.out().trim();
        authorizer.authorize("POST", "/kbs/v0/resource/default/key/1", Optional.of("Bearer " + jwt));
        var claims = CompactJws.parse(jwt).claims();
        assertThat(claims.get("role").asText()).isEqualTo("admin");
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(600);

        Run reader = run(new AdminTokenCommand(), "--admin-key", privateKey.toString(), "--role", "reader",
                "--issuer", "tenant", "--audience", "KBS");
        var readerClaims = CompactJws.parse(reader.out().trim()).claims();
        assertThat(readerClaims.get("iss").asText()).isEqualTo("tenant");
        assertThat(readerClaims.get("aud").get(0).asText()).isEqualTo("KBS");
        assertThatThrownBy(() -> authorizer.authorize("POST", "/kbs/v0/resource/default/key/1",
                Optional.of("Bearer " + reader.out().trim())))
                .isInstanceOfSatisfying(AdminAuthException.class,
                        e -> assertThat(e.failure()).isEqualTo(AdminAuthFailure.ROLE_NOT_ALLOWED));
    }

    @Test
    void keygenRefusesToOverwriteKeys() {
        assertThat(run(new AdminKeygenCommand(), "--out", dir.toString()).exitCode()).isEqualTo(0);
        Run again = run(new AdminKeygenCommand(), "--out", dir.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already exists");
        assertThat(again.out()).isEmpty();
    }

    @Test
    void tokenReportsUnusableKeysAndBadDurations() throws Exception {
        Run missing = run(new AdminTokenCommand(), "--admin-key", dir.resolve("absent.pem").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("cannot use");
        run(new AdminKeygenCommand(), "--out", dir.toString());
        Run wrongFile = run(new AdminTokenCommand(), "--admin-key", dir.resolve("admin-public.pem").toString());
        assertThat(wrongFile.exitCode()).isEqualTo(1);
        assertThat(wrongFile.err()).contains("holds no PEM private key");
        Run badTtl = run(new AdminTokenCommand(), "--admin-key", dir.resolve("admin-private.pem").toString(), "--ttl", "soon");
        assertThat(badTtl.exitCode()).isEqualTo(2);
        assertThat(badTtl.err()).contains("'soon' is not a duration");
        assertThat(run(new AdminTokenCommand()).err()).contains("Missing required option: '--admin-key=FILE'");
    }

    @Test
    void ttlAcceptsShortAndIsoForms() {
        var converter = new AdminTokenCommand.TtlConverter();
        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(converter.convert("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(converter.convert("PT15M")).isEqualTo(Duration.ofMinutes(15));
        for (String bad : new String[] {"0s", "1x", "h1", "1h 2m", "", "PT-1H"}) {
            assertThatThrownBy(() -> converter.convert(bad)).as(bad).isInstanceOf(CommandLine.TypeConversionException.class);
        }
    }
}
