package io.coco4j.guest.aa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The attestation agent's configuration, with the reference's keys: {@code [token_configs.kbs]}
 * ({@code url}, {@code cert}, {@code tee_key_algorithm}), {@code [token_configs.coco_as]} ({@code url}),
 * {@code [eventlog_config]} ({@code init_pcr} = 17, {@code enable_eventlog} = false) and {@code [log]}.
 * Without a file the KBS comes from {@code AA_KBC_PARAMS} ({@code cc_kbc::<url>}) or the kernel
 * command line's {@code agent.aa_kbc_params=}.
 */
public record AaConfig(Optional<KbsToken> kbs, Optional<CocoAsToken> cocoAs, EventLogConfig eventLog) {

    private static final Logger LOG = LoggerFactory.getLogger(AaConfig.class);
    public static final String KBC_PARAMS_ENV = "AA_KBC_PARAMS";
    public static final String KBC_PARAMS_CMDLINE = "agent.aa_kbc_params=";
    public static final long DEFAULT_INIT_PCR = 17;

    public AaConfig {
        Objects.requireNonNull(kbs, "kbs");
        Objects.requireNonNull(cocoAs, "cocoAs");
        Objects.requireNonNull(eventLog, "eventLog");
    }

    /** {@code [token_configs.kbs]}: where {@code GetToken("kbs")} attests. */
    public record KbsToken(String url, Optional<String> certificatePem, TeeKeyAlgorithm teeKeyAlgorithm) {
        public KbsToken {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(certificatePem, "certificatePem");
            Objects.requireNonNull(teeKeyAlgorithm, "teeKeyAlgorithm");
        }

        public static KbsToken of(String url) {
            return new KbsToken(url, Optional.empty(), TeeKeyAlgorithm.EC_P256);
        }
    }

    /** {@code [token_configs.coco_as]}: where {@code GetToken("coco_as")} sends evidence. */
    public record CocoAsToken(String url) {
        public CocoAsToken {
            Objects.requireNonNull(url, "url");
        }
    }

    /** {@code [eventlog_config]}. */
    public record EventLogConfig(long initPcr, boolean enabled) {
        public static final EventLogConfig DEFAULT = new EventLogConfig(DEFAULT_INIT_PCR, false);
    }

    public static AaConfig empty() {
        return new AaConfig(Optional.empty(), Optional.empty(), EventLogConfig.DEFAULT);
    }

    public static AaConfig withKbs(String url) {
        return new AaConfig(Optional.of(KbsToken.of(url)), Optional.empty(), EventLogConfig.DEFAULT);
    }

    public AaConfig withEventLog(EventLogConfig config) {
        return new AaConfig(kbs, cocoAs, config);
    }

    /** Reads a TOML file ({@code .json} files as JSON). */
    public static AaConfig load(Path file) throws AaConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new AaConfigException("the configuration file " + file + " does not exist");
        } catch (IOException e) {
            throw new AaConfigException("cannot read " + file + ": " + e.getMessage());
        }
        ObjectMapper mapper = file.getFileName().toString().endsWith(".json") ? Json.mapper() : new TomlMapper();
        try {
            return fromTree(mapper.readTree(text), file.toString());
        } catch (JsonProcessingException e) {
            throw new AaConfigException(file + " is not valid " + (mapper instanceof TomlMapper ? "TOML" : "JSON") + ": " + e.getOriginalMessage());
        }
    }

    /** Parses configuration text; {@code toml} picks the syntax. */
    public static AaConfig parse(String text, boolean toml) throws AaConfigException {
        try {
            return fromTree((toml ? new TomlMapper() : Json.mapper()).readTree(text), "the configuration");
        } catch (JsonProcessingException e) {
            throw new AaConfigException("the configuration is not valid " + (toml ? "TOML" : "JSON") + ": " + e.getOriginalMessage());
        }
    }

    static AaConfig fromTree(JsonNode root, String source) throws AaConfigException {
        if (root == null || !root.isObject()) {
            throw new AaConfigException(source + " is not a table");
        }
        warnUnknown(root, Set.of("token_configs", "eventlog_config", "log"), "");
        JsonNode tokens = root.path("token_configs");
        warnUnknown(tokens, Set.of("kbs", "coco_as"), "token_configs.");
        Optional<KbsToken> kbs = Optional.empty();
        JsonNode kbsNode = tokens.path("kbs");
        if (kbsNode.isObject()) {
            warnUnknown(kbsNode, Set.of("url", "cert", "tee_key_algorithm"), "token_configs.kbs.");
            String url = requiredText(kbsNode, "url", "token_configs.kbs.url");
            Optional<String> cert = optionalText(kbsNode, "cert", "token_configs.kbs.cert");
            TeeKeyAlgorithm algorithm = TeeKeyAlgorithm.EC_P256;
            Optional<String> algorithmName = optionalText(kbsNode, "tee_key_algorithm", "token_configs.kbs.tee_key_algorithm");
            if (algorithmName.isPresent()) {
                algorithm = TeeKeyAlgorithm.fromConfigName(algorithmName.get()).orElseThrow(() -> new AaConfigException(
                        "token_configs.kbs.tee_key_algorithm: unknown algorithm '" + algorithmName.get() + "'"));
            }
            kbs = Optional.of(new KbsToken(url, cert, algorithm));
        }
        Optional<CocoAsToken> cocoAs = Optional.empty();
        JsonNode asNode = tokens.path("coco_as");
        if (asNode.isObject()) {
            warnUnknown(asNode, Set.of("url"), "token_configs.coco_as.");
            cocoAs = Optional.of(new CocoAsToken(requiredText(asNode, "url", "token_configs.coco_as.url")));
        }
        EventLogConfig eventLog = EventLogConfig.DEFAULT;
        JsonNode eventNode = root.path("eventlog_config");
        if (eventNode.isObject()) {
            warnUnknown(eventNode, Set.of("init_pcr", "enable_eventlog"), "eventlog_config.");
            long pcr = DEFAULT_INIT_PCR;
            JsonNode pcrNode = eventNode.get("init_pcr");
            if (pcrNode != null) {
                if (!pcrNode.canConvertToLong() || pcrNode.longValue() < 0 || !pcrNode.isIntegralNumber()) {
                    throw new AaConfigException("eventlog_config.init_pcr must be a non-negative integer");
                }
                pcr = pcrNode.longValue();
            }
            boolean enabled = false;
            JsonNode enabledNode = eventNode.get("enable_eventlog");
            if (enabledNode != null) {
                if (!enabledNode.isBoolean()) {
                    throw new AaConfigException("eventlog_config.enable_eventlog must be true or false");
                }
                enabled = enabledNode.booleanValue();
            }
            eventLog = new EventLogConfig(pcr, enabled);
        }
        return new AaConfig(kbs, cocoAs, eventLog);
    }

    /**
     * The configuration used when no file is given: {@code token_configs.kbs} from {@code AA_KBC_PARAMS},
     * else from the kernel command line, when the KBC named there is {@code cc_kbc}.
     */
    public static AaConfig fromEnvironment(Map<String, String> environment, Optional<String> kernelCommandLine) throws AaConfigException {
        Optional<String> params = Optional.ofNullable(environment.get(KBC_PARAMS_ENV)).filter(s -> !s.isBlank());
        if (params.isEmpty() && kernelCommandLine.isPresent()) {
            for (String word : kernelCommandLine.get().trim().split("\\s+")) {
                if (word.startsWith(KBC_PARAMS_CMDLINE)) {
                    params = Optional.of(word.substring(KBC_PARAMS_CMDLINE.length()));
                }
            }
        }
        if (params.isEmpty()) {
            return empty();
        }
        KbcParams kbc = KbcParams.parse(params.get());
        if (!kbc.kbc().equals("cc_kbc")) {
            LOG.info("KBC '{}' from {} has no token configuration; GetToken(kbs) is not available", kbc.kbc(), KBC_PARAMS_ENV);
            return empty();
        }
        return withKbs(kbc.url());
    }

    /** {@code <kbc>::<url>}, the reference's KBC parameter form. */
    public record KbcParams(String kbc, String url) {
        public static KbcParams parse(String text) throws AaConfigException {
            int separator = text.indexOf("::");
            if (separator <= 0) {
                throw new AaConfigException("KBC parameters must be <kbc>::<url>, got '" + text + "'");
            }
            return new KbcParams(text.substring(0, separator), text.substring(separator + 2));
        }
    }

    private static String requiredText(JsonNode node, String name, String path) throws AaConfigException {
        return optionalText(node, name, path).orElseThrow(() -> new AaConfigException(path + " is required"));
    }

    private static Optional<String> optionalText(JsonNode node, String name, String path) throws AaConfigException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new AaConfigException(path + " must be a string");
        }
        return Optional.of(value.textValue());
    }

    private static void warnUnknown(JsonNode node, Set<String> known, String prefix) {
        if (!node.isObject()) {
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                LOG.warn("ignoring unknown attestation agent setting {}{}", prefix, name);
            }
        }
    }
}
