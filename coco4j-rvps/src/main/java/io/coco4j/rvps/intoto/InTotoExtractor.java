package io.coco4j.rvps.intoto;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.coco4j.protocol.json.Json;
import io.coco4j.rvps.Extraction;
import io.coco4j.rvps.InvalidMessageException;
import io.coco4j.rvps.ProvenanceException;
import io.coco4j.rvps.ReferenceValueExtractor;
import io.coco4j.rvps.intoto.InTotoVerificationException.Failure;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code in-toto} provider. The payload is the reference's in-toto v0.9 form, JSON text
 * {@code {"version":"0.9","line_normalization":false,"files":{"<path>":"<b64std of the file>"}}}
 * holding one layout ({@code *.layout} at the top level), its links ({@code <step>.<keyid8>.link}, and
 * sublayout folders), optionally public keys ({@code *.pub}: ignored, trust comes only from the
 * configured layout keys) and optionally artifacts (every other file: the final products, and what
 * inspections would see). After {@link InTotoVerifier} accepts the chain, the products of the
 * layout's last step become reference values: name = artifact path, value = its {@code sha256} and
 * {@code sha512} hex digests, valid until the layout expires.
 */
public final class InTotoExtractor implements ReferenceValueExtractor {

    public static final String TYPE = "in-toto";
    public static final String PAYLOAD_VERSION = "0.9";
    private static final ObjectReader STRICT_JSON = Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Optional<LayoutTrust> trust;
    private final Clock clock;

    /** @param trust the trusted layout keys; empty refuses every registration with a clear error */
    public InTotoExtractor(Optional<LayoutTrust> trust, Clock clock) {
        this.trust = trust;
        this.clock = clock;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Extraction extract(String payload) throws InvalidMessageException, ProvenanceException {
        Bundle bundle = Bundle.parse(payload);
        if (trust.isEmpty()) {
            throw new ProvenanceException("in-toto registration refused: no trusted layout keys are configured "
                    + "(attestation_service.rvps_config.trusted_layout_keys)");
        }
        SignedMetadata layout;
        try {
            layout = SignedMetadata.parse(bundle.layout(), bundle.layoutName());
        } catch (InTotoFormatException e) {
            throw new InTotoVerificationException(Failure.MALFORMED, e.getMessage());
        }
        Artifacts supplied = hash(bundle.artifacts(), bundle.lineNormalization(), List.of("sha256"));
        InTotoVerifier.Result result = InTotoVerifier.verify(layout, trust.get(), new MetadataFiles(bundle.links()), supplied,
                clock.instant());

        Artifacts finalProducts = result.summary().products();
        if (finalProducts.byPath().isEmpty()) {
            throw new InTotoVerificationException(Failure.MALFORMED, "the layout's last step has no products to register");
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> product : finalProducts.byPath().entrySet()) {
            String path = product.getKey();
            Map<String, String> recorded = product.getValue();
            byte[] artifact = bundle.artifacts().get(path);
            if (artifact != null) {
                Map<String, String> actual = hash(Map.of(path, artifact), bundle.lineNormalization(), List.copyOf(recorded.keySet()))
                        .hashes(path);
                for (Map.Entry<String, String> digest : actual.entrySet()) {
                    if (!digest.getValue().equalsIgnoreCase(recorded.get(digest.getKey()))) {
                        throw new InTotoVerificationException(Failure.ARTIFACT_MISMATCH, "the supplied " + path + " has "
                                + digest.getKey() + " " + digest.getValue() + ", the final product recorded in the links has "
                                + recorded.get(digest.getKey()));
                    }
                }
            }
            ArrayNode digests = JsonNodeFactory.instance.arrayNode();
            for (String algorithm : List.of("sha256", "sha512")) {
                if (recorded.containsKey(algorithm)) {
                    digests.add(recorded.get(algorithm).toLowerCase(java.util.Locale.ROOT));
                }
            }
            if (digests.isEmpty()) {
                throw new InTotoVerificationException(Failure.MALFORMED, "final product " + path + " has no sha256 or sha512 digest");
            }
            values.put(path, digests);
        }
        List<String> warnings = new ArrayList<>(result.warnings());
        if (bundle.keyFiles() > 0) {
            warnings.add("the payload carries " + bundle.keyFiles() + " public key file(s); they were ignored "
                    + "(layouts are trusted only through the configured layout keys)");
        }
        return new Extraction(values, Optional.of(result.expires()), List.copyOf(result.layoutSigners()), warnings);
    }

    /** Hashes artifacts as {@code in-toto-run} records them (optionally with CRLF and CR turned into LF first). */
    static Artifacts hash(Map<String, byte[]> files, boolean normalizeLineEndings, List<String> algorithms) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            byte[] data = normalizeLineEndings ? normalize(file.getValue()) : file.getValue();
            Map<String, String> hashes = new TreeMap<>();
            for (String algorithm : algorithms) {
                String jca = switch (algorithm) {
                    case "sha256" -> "SHA-256";
                    case "sha384" -> "SHA-384";
                    case "sha512" -> "SHA-512";
                    default -> null;
                };
                if (jca != null) {
                    try {
                        hashes.put(algorithm, HexFormat.of().formatHex(MessageDigest.getInstance(jca).digest(data)));
                    } catch (NoSuchAlgorithmException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            out.put(file.getKey(), hashes);
        }
        return new Artifacts(out);
    }

    private static byte[] normalize(byte[] data) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(data.length);
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\r') {
                out.write('\n');
                if (i + 1 < data.length && data[i + 1] == '\n') {
                    i++;
                }
            } else {
                out.write(data[i]);
            }
        }
        return out.toByteArray();
    }

    /** The files of a payload, sorted into the layout, link files, key files and artifacts. */
    record Bundle(String layoutName, byte[] layout, Map<String, byte[]> links, Map<String, byte[]> artifacts, int keyFiles,
                  boolean lineNormalization) {

        static Bundle parse(String payload) throws InvalidMessageException {
            JsonNode node;
            try {
                node = STRICT_JSON.readTree(payload);
            } catch (IOException e) {
                throw new InvalidMessageException("in-toto payload is not JSON");
            }
            if (node == null || !node.isObject()) {
                throw new InvalidMessageException("in-toto payload is not a JSON object");
            }
            JsonNode version = node.get("version");
            if (version != null && !PAYLOAD_VERSION.equals(version.asText())) {
                throw new InvalidMessageException("in-toto payload version '" + version.asText() + "' is not supported (expected "
                        + PAYLOAD_VERSION + ")");
            }
            JsonNode normalization = node.get("line_normalization");
            if (normalization != null && !normalization.isBoolean()) {
                throw new InvalidMessageException("in-toto payload line_normalization is not a boolean");
            }
            JsonNode files = node.get("files");
            if (files == null || !files.isObject()) {
                throw new InvalidMessageException("in-toto payload has no files object");
            }
            String layoutName = null;
            byte[] layout = null;
            Map<String, byte[]> links = new TreeMap<>();
            Map<String, byte[]> artifacts = new TreeMap<>();
            int keys = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> file = it.next();
                String path = file.getKey();
                checkPath(path);
                if (!file.getValue().isTextual()) {
                    throw new InvalidMessageException("in-toto payload file " + path + " is not a base64 string");
                }
                byte[] content;
                try {
                    content = Base64.getDecoder().decode(file.getValue().textValue());
                } catch (IllegalArgumentException e) {
                    throw new InvalidMessageException("in-toto payload file " + path + " is not base64");
                }
                if (path.endsWith(".layout") && !path.contains("/")) {
                    if (layout != null) {
                        throw new InvalidMessageException("in-toto payload has more than one layout (" + layoutName + ", " + path + ")");
                    }
                    layoutName = path;
                    layout = content;
                } else if (path.endsWith(".link")) {
                    links.put(path, content);
                } else if (path.endsWith(".pub")) {
                    keys++;
                } else {
                    artifacts.put(path, content);
                }
            }
            if (layout == null) {
                throw new InvalidMessageException("in-toto payload has no layout (a top-level *.layout file)");
            }
            return new Bundle(layoutName, layout, links, artifacts, keys, normalization != null && normalization.booleanValue());
        }

        private static void checkPath(String path) throws InvalidMessageException {
            if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("\0")) {
                throw new InvalidMessageException("in-toto payload file name '" + path + "' is not a relative path");
            }
            for (String segment : path.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    throw new InvalidMessageException("in-toto payload file name '" + path + "' is not a normalised relative path");
                }
            }
        }
    }
}
