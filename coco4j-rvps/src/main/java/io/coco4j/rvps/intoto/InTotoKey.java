package io.coco4j.rvps.intoto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A public key in securesystemslib form ({@code keytype}, {@code scheme}, {@code keyval.public}) with
 * its key id: the SHA-256 of the canonical JSON of that form, as in-toto computes it. Schemes:
 * {@code rsassa-pss-sha256/384/512}, {@code rsa-pkcs1v15-sha256/384/512}, {@code ed25519},
 * {@code ecdsa-sha2-nistp256/384}.
 */
public final class InTotoKey {

    private static final List<String> KEYID_HASH_ALGORITHMS = List.of("sha256", "sha512");
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN PUBLIC KEY-----[A-Za-z0-9+/=\\s]*-----END PUBLIC KEY-----");
    /** DER prefix of an Ed25519 SubjectPublicKeyInfo, before the 32 key bytes. */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final String keyId;
    private final String keyType;
    private final String scheme;
    private final PublicKey publicKey;

    private InTotoKey(String keyId, String keyType, String scheme, PublicKey publicKey) {
        this.keyId = keyId;
        this.keyType = keyType;
        this.scheme = scheme;
        this.publicKey = publicKey;
    }

    public String keyId() {
        return keyId;
    }

    public String scheme() {
        return scheme;
    }

    /** The first eight characters of the key id, the infix of link file names. */
    public String shortId() {
        return keyId.length() > 8 ? keyId.substring(0, 8) : keyId;
    }

    /**
     * A key from a layout's {@code keys}: the layout names its id. An entry's own {@code keyid}, if
     * present, must agree.
     */
    public static InTotoKey fromLayoutEntry(String keyId, JsonNode entry) throws InTotoFormatException {
        if (!entry.isObject()) {
            throw new InTotoFormatException("key " + keyId + " is not a JSON object");
        }
        JsonNode own = entry.get("keyid");
        if (own != null && !own.asText().equals(keyId)) {
            throw new InTotoFormatException("key " + keyId + " carries a different keyid " + own.asText());
        }
        return parse(entry, keyId);
    }

    /**
     * A trusted key as an operator keeps it: a PEM public key (RSA, taken as {@code rsassa-pss-sha256};
     * EC, as {@code ecdsa-sha2-nistp256/384} by curve), or a securesystemslib JSON key such as
     * {@code in-toto-keygen} writes ({@code ed25519}, {@code ecdsa}). The key id is computed.
     */
    public static InTotoKey fromText(String text) throws InTotoFormatException {
        String trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            JsonNode node;
            try {
                node = Json.readTree(trimmed);
            } catch (IOException e) {
                throw new InTotoFormatException("key is neither PEM nor securesystemslib JSON");
            }
            return parse(node, null);
        }
        Matcher pem = PEM.matcher(trimmed);
        if (!pem.find()) {
            throw new InTotoFormatException("key is neither a PEM public key (BEGIN PUBLIC KEY) nor securesystemslib JSON");
        }
        String block = pem.group();
        PublicKey key = decodeSpki(block, null);
        if (key instanceof RSAPublicKey) {
            return withComputedId("rsa", "rsassa-pss-sha256", block, key);
        }
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            String scheme = switch (bits) {
                case 256 -> "ecdsa-sha2-nistp256";
                case 384 -> "ecdsa-sha2-nistp384";
                default -> throw new InTotoFormatException("EC keys on a " + bits + "-bit curve are not supported (P-256, P-384)");
            };
            return withComputedId("ecdsa", scheme, block, key);
        }
        if (key.getAlgorithm().equals("Ed25519") || key.getAlgorithm().equals("EdDSA")) {
            throw new InTotoFormatException("give Ed25519 keys in securesystemslib JSON form (as in-toto-keygen writes them)");
        }
        throw new InTotoFormatException("unsupported public key algorithm " + key.getAlgorithm());
    }

    /** {@link #fromText} of a file. */
    public static InTotoKey fromFile(Path file) throws IOException, InTotoFormatException {
        try {
            return fromText(Files.readString(file, StandardCharsets.UTF_8));
        } catch (InTotoFormatException e) {
            throw new InTotoFormatException(file + ": " + e.getMessage(), e);
        }
    }

    private static InTotoKey parse(JsonNode node, String givenId) throws InTotoFormatException {
        String keyType = text(node, "keytype");
        String scheme = text(node, "scheme");
        String label = givenId == null ? "key" : "key " + givenId;
        JsonNode keyval = node.get("keyval");
        if (keyval == null || !keyval.isObject() || !keyval.path("public").isTextual()) {
            throw new InTotoFormatException(label + " has no keyval.public");
        }
        String publicText = keyval.get("public").textValue();
        if (keyType == null || scheme == null) {
            throw new InTotoFormatException(label + " has no keytype or scheme (OpenPGP keys are not supported)");
        }
        PublicKey key = switch (keyType) {
            case "rsa" -> {
                requireScheme(label, scheme, "rsassa-pss-sha256", "rsassa-pss-sha384", "rsassa-pss-sha512",
                        "rsa-pkcs1v15-sha256", "rsa-pkcs1v15-sha384", "rsa-pkcs1v15-sha512");
                PublicKey k = decodeSpki(publicText, label);
                if (!(k instanceof RSAPublicKey)) {
                    throw new InTotoFormatException(label + " is keytype rsa but holds a " + k.getAlgorithm() + " key");
                }
                yield k;
            }
            case "ed25519" -> {
                requireScheme(label, scheme, "ed25519");
                yield ed25519(publicText, label);
            }
            case "ecdsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384" -> {
                requireScheme(label, scheme, "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384");
                PublicKey k = decodeSpki(publicText, label);
                if (!(k instanceof ECPublicKey ec)) {
                    throw new InTotoFormatException(label + " is keytype " + keyType + " but holds a " + k.getAlgorithm() + " key");
                }
                int bits = ec.getParams().getCurve().getField().getFieldSize();
                if (!scheme.endsWith(String.valueOf(bits))) {
                    throw new InTotoFormatException(label + " has scheme " + scheme + " but a " + bits + "-bit curve");
                }
                yield k;
            }
            default -> throw new InTotoFormatException(label + " has unsupported keytype '" + keyType + "'");
        };
        String keyId = givenId != null ? givenId : computeKeyId(keyType, scheme, publicText);
        return new InTotoKey(keyId, keyType, scheme, key);
    }

    private static InTotoKey withComputedId(String keyType, String scheme, String publicText, PublicKey key) {
        return new InTotoKey(computeKeyId(keyType, scheme, publicText), keyType, scheme, key);
    }

    /** securesystemslib's key id: SHA-256 over the canonical JSON of the public key's metadata. */
    static String computeKeyId(String keyType, String scheme, String publicText) {
        ObjectNode meta = JsonNodeFactory.instance.objectNode();
        meta.put("keytype", keyType);
        meta.put("scheme", scheme);
        meta.putArray("keyid_hash_algorithms").add(KEYID_HASH_ALGORITHMS.get(0)).add(KEYID_HASH_ALGORITHMS.get(1));
        meta.putObject("keyval").put("public", publicText);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(CanonicalJson.encode(meta)));
        } catch (InTotoFormatException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireScheme(String label, String scheme, String... allowed) throws InTotoFormatException {
        for (String a : allowed) {
            if (a.equals(scheme)) {
                return;
            }
        }
        throw new InTotoFormatException(label + " has unsupported scheme '" + scheme + "'");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private static PublicKey decodeSpki(String pem, String label) throws InTotoFormatException {
        String where = label == null ? "key" : label;
        Matcher matcher = PEM.matcher(pem);
        if (!matcher.find()) {
            throw new InTotoFormatException(where + " is not a PEM public key");
        }
        String body = matcher.group().replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new InTotoFormatException(where + " has a malformed PEM body");
        }
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException ignored) {
                // try the next algorithm
            }
        }
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new InTotoFormatException(where + " is not an RSA, EC or Ed25519 public key");
        }
    }

    private static PublicKey ed25519(String hex, String label) throws InTotoFormatException {
        byte[] raw;
        try {
            raw = HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InTotoFormatException(label + " has an ed25519 public key that is not hex");
        }
        if (raw.length != 32) {
            throw new InTotoFormatException(label + " has an ed25519 public key of " + raw.length + " bytes (32 expected)");
        }
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new InTotoFormatException(label + " is not a valid ed25519 public key");
        }
    }

    /** Whether {@code signature} is this key's valid signature over {@code data} under its scheme. */
    public boolean verifies(byte[] data, byte[] signature) {
        try {
            return switch (scheme) {
                case "rsassa-pss-sha256" -> pss(data, signature, "SHA-256", 32);
                case "rsassa-pss-sha384" -> pss(data, signature, "SHA-384", 48);
                case "rsassa-pss-sha512" -> pss(data, signature, "SHA-512", 64);
                case "rsa-pkcs1v15-sha256" -> plain("SHA256withRSA", data, signature);
                case "rsa-pkcs1v15-sha384" -> plain("SHA384withRSA", data, signature);
                case "rsa-pkcs1v15-sha512" -> plain("SHA512withRSA", data, signature);
                case "ed25519" -> plain("Ed25519", data, signature);
                case "ecdsa-sha2-nistp256" -> plain("SHA256withECDSA", data, signature);
                case "ecdsa-sha2-nistp384" -> plain("SHA384withECDSA", data, signature);
                default -> false;
            };
        } catch (GeneralSecurityException | RuntimeException e) {
            return false; // a malformed signature is an invalid one
        }
    }

    private boolean plain(String algorithm, byte[] data, byte[] signature) throws GeneralSecurityException {
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(publicKey);
        verifier.update(data);
        return verifier.verify(signature);
    }

    /**
     * RSASSA-PSS with MGF1 of the same hash. securesystemslib signs with a salt of the digest's length
     * and verifies with any salt length; signers built on other libraries use the maximum, so both are tried.
     */
    private boolean pss(byte[] data, byte[] signature, String hash, int digestLength) throws GeneralSecurityException {
        int modulusBytes = (((RSAPublicKey) publicKey).getModulus().bitLength() + 7) / 8;
        int maxSalt = modulusBytes - digestLength - 2;
        for (int salt : new int[] {digestLength, maxSalt, 0}) {
            if (salt < 0) {
                continue;
            }
            Signature verifier = Signature.getInstance("RSASSA-PSS");
            verifier.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), salt, 1));
            verifier.initVerify(publicKey);
            verifier.update(data);
            if (verifier.verify(signature)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return keyType + "/" + scheme + " key " + keyId;
    }

}
