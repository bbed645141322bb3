package io.coco4j.verifier.snp;

import io.coco4j.protocol.tee.snp.SnpProduct;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The AMD root keys (ARK) trusted per product, pinned by the SHA-256 fingerprint of the DER
 * certificate. The certificates themselves arrive with the evidence or from the collateral
 * directory and are trusted only if they hash to the pin.
 */
public final class ArkPins {

    /** ARK-Milan, ARK-Genoa, ARK-Turin as published by AMD's key distribution service. */
    private static final Map<SnpProduct, String> AMD = Map.of(
            SnpProduct.MILAN, "69d063b45344d26a2e94e1f4210de49ef555308287d4c174445c95639a540bcd",
            SnpProduct.GENOA, "4c6598d19c18719c5dfd4a7d335f674e5bfe1d8f800cea2cf270c10d103db2f1",
            SnpProduct.TURIN, "1f084161a44bb6d93778a904877d4819cafa5d05ef4193b2ded9dd9c73dd3f6a");

    private static final ArkPins AMD_PINS = new ArkPins(AMD);

    private final Map<SnpProduct, String> pins;

    private ArkPins(Map<SnpProduct, String> pins) {
        this.pins = Collections.unmodifiableMap(new EnumMap<>(pins));
    }

    /** AMD's roots: the only ones a production verifier trusts. */
    public static ArkPins amd() {
        return AMD_PINS;
    }

    /** Other roots, e.g. a test chain; keys are products, values lowercase hex SHA-256 fingerprints. */
    public static ArkPins of(Map<SnpProduct, String> fingerprints) {
        return new ArkPins(fingerprints);
    }

    /** Pins exactly the given certificate for one product. */
    public static ArkPins of(SnpProduct product, X509Certificate ark) {
        return of(Map.of(product, fingerprint(ark)));
    }

    public Optional<String> fingerprint(SnpProduct product) {
        return Optional.ofNullable(pins.get(product));
    }

    public Map<SnpProduct, String> asMap() {
        return pins;
    }

    /** True if {@code ark} is the pinned root of {@code product}. */
    public boolean matches(SnpProduct product, X509Certificate ark) {
        String pin = pins.get(product);
        return pin != null && MessageDigest.isEqual(pin.getBytes(), fingerprint(ark).getBytes());
    }

    /** Lowercase hex SHA-256 of the DER encoding. */
    public static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
