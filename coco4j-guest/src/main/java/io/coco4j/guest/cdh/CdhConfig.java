package io.coco4j.guest.cdh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.coco4j.guest.aa.AaConfig;
import io.coco4j.guest.aa.AaConfigException;
import io.coco4j.protocol.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The Confidential Data Hub's configuration with the reference's keys: {@code socket},
 * {@code skip_sealed_secret_verification}, {@code [kbc]} ({@code name}, {@code url}, {@code kbs_cert}),
 * {@code [aa]} ({@code aa_socket}), {@code [[credentials]]} ({@code resource_uri}, {@code path}),
 * {@code [image]} and {@code [log]}.
 */
public record CdhConfig(String socket, boolean skipSealedSecretVerification, Kbc kbc, String aaSocket,
                        List<Credential> credentials, boolean hasImageSettings) {

    private static final Logger LOG = LoggerFactory.getLogger(CdhConfig.class);

    public static final String DEFAULT_SOCKET = "unix:///run/confidential-containers/cdh.sock";
    public static final String DEFAULT_AA_SOCKET = "unix:///run/confidential-containers/attestation-agent/attestation-agent.sock";
    public static final Path DEFAULT_FILE = Path.of("/etc/confidential-data-hub.conf");
    /** Credentials may only be written below this directory. */
    public static final Path CREDENTIALS_ROOT = Path.of("/run/confidential-containers/cdh/kbs");

    public CdhConfig {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(kbc, "kbc");
        Objects.requireNonNull(aaSocket, "aaSocket");
        credentials = List.copyOf(credentials);
    }

    /** {@code [kbc]}: {@code cc_kbc} (attest through the attestation agent) or {@code offline_fs_kbc}. */
    public record Kbc(String name, String url, Optional<String> kbsCertificatePem) {
        public static final String CC_KBC = "cc_kbc";
        public static final String OFFLINE_FS_KBC = "offline_fs_kbc";

        public Kbc {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(kbsCertificatePem, "kbsCertificatePem");
        }
    }

    /** {@code [[credentials]]}: a resource fetched at start-up and written to {@code path}. */
    public record Credential(String resourceUri, Path path) {
    }

    public static CdhConfig ccKbc(String kbsUrl) {
        return new CdhConfig(DEFAULT_SOCKET, false, new Kbc(Kbc.CC_KBC, kbsUrl, Optional.empty()), DEFAULT_AA_SOCKET, List.of(), false);
    }

    public CdhConfig withSocket(String address) {
        return new CdhConfig(address, skipSealedSecretVerification, kbc, aaSocket, credentials, hasImageSettings);
    }

    public CdhConfig withAaSocket(String address) {
        return new CdhConfig(socket, skipSealedSecretVerification, kbc, address, credentials, hasImageSettings);
    }

    public static CdhConfig load(Path file) throws CdhConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new CdhConfigException("the configuration file " + file + " does not exist");
        } catch (IOException e) {
            throw new CdhConfigException("cannot read " + file + ": " + e.getMessage());
        }
        return parse(text, !file.getFileName().toString().endsWith(".json"));
    }

    public static CdhConfig parse(String text, boolean toml) throws CdhConfigException {
        ObjectMapper mapper = toml ? new TomlMapper() : Json.mapper();
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CdhConfigException("the configuration is not valid " + (toml ? "TOML" : "JSON") + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new CdhConfigException("the configuration is not a table");
        }
        warnUnknown(root, Set.of("socket", "skip_sealed_secret_verification", "kbc", "aa", "credentials", "image", "log"), "");
        String socket = text(root, "socket", "socket").orElse(DEFAULT_SOCKET);
        boolean skip = false;
        JsonNode skipNode = root.get("skip_sealed_secret_verification");
        if (skipNode != null) {
            if (!skipNode.isBoolean()) {
                throw new CdhConfigException("skip_sealed_secret_verification must be true or false");
            }
            skip = skipNode.booleanValue();
        }
        JsonNode kbcNode = root.get("kbc");
        if (kbcNode == null || !kbcNode.isObject()) {
            throw new CdhConfigException("[kbc] is required (name = \"cc_kbc\" or \"offline_fs_kbc\")");
        }
        warnUnknown(kbcNode, Set.of("name", "url", "kbs_cert"), "kbc.");
        String name = text(kbcNode, "name", "kbc.name").orElseThrow(() -> new CdhConfigException("kbc.name is required"));
        if (!name.equals(Kbc.CC_KBC) && !name.equals(Kbc.OFFLINE_FS_KBC)) {
            throw new CdhConfigException("kbc.name '" + name + "' is not supported (expected cc_kbc or offline_fs_kbc)");
        }
        Kbc kbc = new Kbc(name, text(kbcNode, "url", "kbc.url").orElse(""), text(kbcNode, "kbs_cert", "kbc.kbs_cert"));
        String aaSocket = DEFAULT_AA_SOCKET;
        JsonNode aaNode = root.get("aa");
        if (aaNode != null && aaNode.isObject()) {
            warnUnknown(aaNode, Set.of("aa_socket"), "aa.");
            aaSocket = text(aaNode, "aa_socket", "aa.aa_socket").orElse(DEFAULT_AA_SOCKET);
        }
        List<Credential> credentials = new ArrayList<>();
        JsonNode credentialNodes = root.get("credentials");
        if (credentialNodes != null) {
            if (!credentialNodes.isArray()) {
                throw new CdhConfigException("credentials must be an array of tables");
            }
            for (JsonNode credential : credentialNodes) {
                String uri = text(credential, "resource_uri", "credentials.resource_uri")
                        .orElseThrow(() -> new CdhConfigException("credentials.resource_uri is required"));
                String path = text(credential, "path", "credentials.path")
                        .orElseThrow(() -> new CdhConfigException("credentials.path is required"));
                credentials.add(new Credential(uri, checkedCredentialPath(path)));
            }
        }
        boolean image = root.has("image");
        if (image) {
            LOG.warn("[image] settings are not supported yet and are ignored");
        }
        return new CdhConfig(socket, skip, kbc, aaSocket, credentials, image);
    }

    /** A credential path must lie below {@link #CREDENTIALS_ROOT} and have no {@code .} or {@code ..} component. */
    static Path checkedCredentialPath(String path) throws CdhConfigException {
        for (String component : path.split("/")) {
            if (component.equals(".") || component.equals("..")) {
                throw new CdhConfigException("credential path '" + path + "' must not contain . or .. components");
            }
        }
        Path parsed = Path.of(path);
        if (!parsed.isAbsolute() || !parsed.startsWith(CREDENTIALS_ROOT) || parsed.equals(CREDENTIALS_ROOT)) {
            throw new CdhConfigException("credential path '" + path + "' must be below " + CREDENTIALS_ROOT);
        }
        return parsed;
    }

    /**
     * The configuration without {@code -c}: {@link #DEFAULT_FILE} if it exists, else {@code cc_kbc}
     * from {@code AA_KBC_PARAMS} or the kernel command line, else {@code offline_fs_kbc}.
     */
    public static CdhConfig fromEnvironment(Map<String, String> environment, Optional<String> kernelCommandLine, Path defaultFile)
            throws CdhConfigException {
        if (Files.isRegularFile(defaultFile)) {
            return load(defaultFile);
        }
        Optional<String> params = Optional.ofNullable(environment.get(AaConfig.KBC_PARAMS_ENV)).filter(s -> !s.isBlank());
        if (params.isEmpty() && kernelCommandLine.isPresent()) {
            for (String word : kernelCommandLine.get().trim().split("\\s+")) {
                if (word.startsWith(AaConfig.KBC_PARAMS_CMDLINE)) {
                    params = Optional.of(word.substring(AaConfig.KBC_PARAMS_CMDLINE.length()));
                }
            }
        }
        Kbc kbc = new Kbc(Kbc.OFFLINE_FS_KBC, "", Optional.empty());
        if (params.isPresent()) {
            try {
                AaConfig.KbcParams parsed = AaConfig.KbcParams.parse(params.get());
                kbc = new Kbc(parsed.kbc(), parsed.url(), Optional.empty());
            } catch (AaConfigException e) {
                throw new CdhConfigException(e.getMessage());
            }
        }
        return new CdhConfig(DEFAULT_SOCKET, false, kbc, DEFAULT_AA_SOCKET, List.of(), false);
    }

    private static Optional<String> text(JsonNode node, String name, String path) throws CdhConfigException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new CdhConfigException(path + " must be a string");
        }
        return Optional.of(value.textValue());
    }

    private static void warnUnknown(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                LOG.warn("ignoring unknown confidential data hub setting {}{}", prefix, name);
            }
        }
    }
}
