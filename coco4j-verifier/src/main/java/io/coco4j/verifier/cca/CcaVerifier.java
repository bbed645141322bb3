package io.coco4j.verifier.cca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.crypto.CryptoProviders;
import io.coco4j.protocol.crypto.Primitive;
import io.coco4j.protocol.tee.Tee;
import io.coco4j.protocol.tee.TeeClass;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.VerificationException;
import io.coco4j.verifier.VerifiedClaims;
import io.coco4j.verifier.Verifier;

import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The {@code cca} verifier (Arm CCA realms), local mode. The platform token must be signed by the
 * CPAK the trust-anchor store holds for its implementation id and instance id; the realm token by
 * the realm attestation key (RAK) it carries; and the platform challenge must be the hash of that
 * RAK, which is what makes the platform vouch for this realm. The realm challenge carries the report
 * data (regularised to 64 bytes), the personalization value the init-data digest (exactly 64 bytes,
 * so a {@code sha512} init-data). With a reference-value store, every platform firmware component must
 * be listed there.
 */
public final class CcaVerifier implements Verifier {

    private static final int CHALLENGE_LENGTH = 64;
    private static final ECParameterSpec P384;

    static {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp384r1"));
            P384 = parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final CcaTrustAnchors anchors;
    private final Optional<CcaPlatformReferenceValues> platformValues;

    public CcaVerifier(CcaTrustAnchors anchors, Optional<CcaPlatformReferenceValues> platformValues) {
        this.anchors = anchors;
        this.platformValues = platformValues;
    }

    public static CcaVerifier create(CcaVerifierSettings settings) throws IOException {
        CcaTrustAnchors anchors = CcaTrustAnchors.load(settings.taStore());
        Optional<CcaPlatformReferenceValues> values = settings.rvStore().isPresent()
                ? Optional.of(CcaPlatformReferenceValues.load(settings.rvStore().get())) : Optional.empty();
        return new CcaVerifier(anchors, values);
    }

    @Override
    public Tee tee() {
        return Tee.CCA;
    }

    @Override
    public List<VerifiedClaims> evaluate(JsonNode evidence, Expectation expectation) throws VerificationException {
        CcaToken token = CcaToken.parse(tokenBytes(evidence));
        ObjectNode platform = token.platform().claims("platform token");
        ObjectNode realm = token.realm().claims("realm token");

        byte[] implementationId = CcaClaims.bytes(platform, CcaClaims.IMPLEMENTATION_ID, "platform implementation id");
        byte[] instanceId = CcaClaims.bytes(platform, CcaClaims.INSTANCE_ID, "platform instance id");
        ECPublicKey cpak = anchors.cpak(implementationId, instanceId).orElseThrow(() -> new UnknownCcaPlatformException(
                "no CPAK is configured for CCA platform implementation id " + HexFormat.of().formatHex(implementationId)
                        + " and instance id " + HexFormat.of().formatHex(instanceId)));
        if (!token.platform().verifiedBy(cpak)) {
            throw new PlatformTokenSignatureException("the CCA platform token is not signed by the platform's CPAK");
        }

        byte[] rakBytes = CcaClaims.bytes(realm, CcaClaims.RAK, "realm public key");
        ECPublicKey rak = rak(rakBytes);
        if (!token.realm().verifiedBy(rak)) {
            throw new RealmTokenSignatureException("the CCA realm token is not signed by its realm attestation key");
        }
        byte[] platformChallenge = CcaClaims.bytes(platform, CcaClaims.CHALLENGE, "platform challenge");
        String rakHash = CcaClaims.text(realm, CcaClaims.RAK_HASH_ALGO, "realm public key hash algorithm");
        if (!MessageDigest.isEqual(platformChallenge, digest(rakHash, rakBytes))) {
            throw new RealmBindingException("the CCA platform challenge is not the " + rakHash + " of the realm attestation key");
        }
        checkPlatformComponents(platform, implementationId);

        byte[] realmChallenge = CcaClaims.bytes(realm, CcaClaims.CHALLENGE, "realm challenge");
        byte[] personalization = CcaClaims.bytes(realm, CcaClaims.PERSONALIZATION_VALUE, "realm personalization value");
        if (expectation.reportData().isPresent()
                && !MessageDigest.isEqual(realmChallenge, Expectation.regularize(expectation.reportData().get(), CHALLENGE_LENGTH))) {
            throw new RealmChallengeMismatchException("the CCA realm challenge is not the expected report data");
        }
        if (expectation.initDataDigest().isPresent() && !MessageDigest.isEqual(personalization, expectation.initDataDigest().get())) {
            throw new PersonalizationValueMismatchException("the CCA realm personalization value is not the init-data digest"
                    + " (a 64-byte sha512 digest is required to match)");
        }

        HexFormat hex = HexFormat.of();
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.set("platform", CcaClaims.platformJson(platform));
        claims.set("realm", CcaClaims.realmJson(realm));
        claims.put("init_data", hex.formatHex(personalization));
        claims.put("report_data", hex.formatHex(realmChallenge));
        return List.of(new VerifiedClaims(claims, TeeClass.CPU));
    }

    private void checkPlatformComponents(JsonNode platform, byte[] implementationId) throws VerificationException {
        if (platformValues.isEmpty()) {
            return;
        }
        JsonNode components = platform.get(CcaClaims.SW_COMPONENTS);
        if (components == null || !components.isArray()) {
            throw new CcaTokenFormatException("platform software components (claim 2399) are missing");
        }
        for (JsonNode component : components) {
            String type = component.path(CcaClaims.MEASUREMENT_TYPE).asText("");
            byte[] measurement = CcaClaims.bytes(component, CcaClaims.MEASUREMENT_VALUE, "software component measurement");
            byte[] signer = CcaClaims.bytes(component, CcaClaims.SIGNER_ID, "software component signer id");
            if (!platformValues.get().accepts(implementationId, type, measurement, signer)) {
                throw new PlatformMeasurementMismatchException("CCA platform component '" + type + "' ("
                        + HexFormat.of().formatHex(measurement) + ") is not in the reference-value store");
            }
        }
    }

    /** The RAK as the realm claims carry it: an uncompressed P-384 point. */
    private static ECPublicKey rak(byte[] point) throws CcaTokenFormatException {
        if (point.length != 97 || point[0] != 0x04) {
            throw new CcaTokenFormatException("the realm public key is not an uncompressed P-384 point (97 bytes)");
        }
        try {
            ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 49)), new BigInteger(1, Arrays.copyOfRange(point, 49, 97)));
            return (ECPublicKey) CryptoProviders.get().ecKeyFactory(Primitive.EC_P384).generatePublic(new ECPublicKeySpec(w, P384));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CcaTokenFormatException("the realm public key is not a point on P-384");
        }
    }

    private static byte[] digest(String algorithm, byte[] data) throws CcaTokenFormatException {
        String jca = switch (algorithm) {
            case "sha-256" -> "SHA-256";
            case "sha-384" -> "SHA-384";
            case "sha-512" -> "SHA-512";
            default -> throw new CcaTokenFormatException("unknown hash algorithm '" + algorithm + "'");
        };
        try {
            return MessageDigest.getInstance(jca).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code {"token": [bytes…]}} as the reference's attester serialises it, or the token as base64. */
    private static byte[] tokenBytes(JsonNode evidence) throws CcaTokenFormatException {
        JsonNode token = evidence == null ? null : evidence.get("token");
        if (token == null) {
            throw new CcaTokenFormatException("cca evidence has no token");
        }
        if (token.isTextual()) {
            try {
                return Base64.getDecoder().decode(token.textValue());
            } catch (IllegalArgumentException e) {
                throw new CcaTokenFormatException("cca evidence token is not base64");
            }
        }
        if (!token.isArray()) {
            throw new CcaTokenFormatException("cca evidence token is neither a byte array nor base64");
        }
        byte[] out = new byte[token.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode b = token.get(i);
            if (!b.isIntegralNumber() || b.intValue() < 0 || b.intValue() > 255) {
                throw new CcaTokenFormatException("cca evidence token[" + i + "] is not a byte");
            }
            out[i] = (byte) b.intValue();
        }
        return out;
    }
}
