package io.coco4j.verifier.cca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.tee.TeeClass;
import io.coco4j.protocol.testing.TestVectors;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.VerifiedClaims;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CcaVerifierTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String REALM_CHALLENGE = "57e979ae2618de0c1ab73144c440d741cf9236dc9d52ed190053382a4d190252"
            + "f9f0370403c35dcb155fb4362d73c66d5b0494bf939315d3dc52b8cdc8b85a96";

    @TempDir
    Path dir;

    private static byte[] token() throws Exception {
        return Files.readAllBytes(TestVectors.resolve("cca/cca-example-token.cbor"));
    }

    private static CcaVerifier verifier() throws Exception {
        return new CcaVerifier(CcaTrustAnchors.load(TestVectors.resolve("cca/tastore.json")), Optional.empty());
    }

    private static ObjectNode evidence(byte[] token) {
        ObjectNode evidence = Json.mapper().createObjectNode();
        var array = evidence.putArray("token");
        for (byte b : token) {
            array.add(b & 0xff);
        }
        return evidence;
    }

    private static Expectation expecting(byte[] reportData, byte[] initData) {
        return new Expectation(Optional.ofNullable(reportData), Optional.ofNullable(initData));
    }

    @Test
    void theExampleTokenVerifiesWithBothSignaturesAndTheBinding() throws Exception {
        List<VerifiedClaims> result = verifier().evaluate(evidence(token()), expecting(HEX.parseHex(REALM_CHALLENGE), new byte[64]));
        assertThat(result).singleElement().satisfies(c -> assertThat(c.teeClass()).isEqualTo(TeeClass.CPU));
        ObjectNode claims = result.get(0).claims();
        JsonNode platform = claims.get("platform");
        assertThat(platform.get("cca-platform-profile").asText()).isEqualTo("http://arm.com/CCA-SSD/1.0.0");
        assertThat(platform.get("cca-platform-lifecycle").asInt()).isEqualTo(12291);
        assertThat(HEX.formatHex(Base64.getDecoder().decode(platform.get("cca-platform-implementation-id").asText())))
                .isEqualTo("7f454c4602010100000000000000000003003e00010000005058000000000000");
        assertThat(HEX.formatHex(Base64.getDecoder().decode(platform.get("cca-platform-challenge").asText())))
                .isEqualTo("b5973cb68baa9fc55558786b7ec67f69e40df5ba5aa921cd0c27f40587a011ea");
        assertThat(HEX.formatHex(Base64.getDecoder().decode(platform.get("cca-platform-config").asText()))).isEqualTo("cfcfcfcf");
        assertThat(platform.get("cca-platform-sw-components")).hasSize(13);
        assertThat(platform.get("cca-platform-sw-components").get(0).get("measurement-type").asText()).isEqualTo("RSE_BL1_2");
        assertThat(platform.get("cca-platform-sw-components").get(8).get("measurement-type").asText()).isEqualTo("RMM");
        JsonNode realm = claims.get("realm");
        assertThat(realm.get("cca-realm-hash-algo-id").asText()).isEqualTo("sha-512");
        assertThat(realm.get("cca-realm-public-key-hash-algo-id").asText()).isEqualTo("sha-256");
        assertThat(HEX.formatHex(Base64.getDecoder().decode(realm.get("cca-realm-initial-measurement").asText()))).startsWith("ae87fbf7").endsWith("c39dbdac7c");
        assertThat(realm.get("cca-realm-extensible-measurements")).hasSize(4);
        assertThat(claims.get("report_data").asText()).isEqualTo(REALM_CHALLENGE);
        assertThat(claims.get("init_data").asText()).isEqualTo("0".repeat(128));
    }

    @Test
    void theTrustAnchorStoreSelectsTheCpakByPlatformIdentity() throws Exception {
        JsonNode store = Json.readTree(Files.readAllBytes(TestVectors.resolve("cca/tastore.json")));
        ((ObjectNode) store.get(0)).put("instance-id", "01" + "00".repeat(32));
        CcaVerifier other = new CcaVerifier(CcaTrustAnchors.parse(store), Optional.empty());
        assertThatThrownBy(() -> other.evaluate(evidence(token()), Expectation.none())).isInstanceOf(UnknownCcaPlatformException.class);
    }

    @Test
    void aCpakOfAnotherKeyIsRefused() throws Exception {
        JsonNode store = Json.readTree(Files.readAllBytes(TestVectors.resolve("cca/tastore.json")));
        KeyPair other = p384();
        ECPublicKey pub = (ECPublicKey) other.getPublic();
        ObjectNode jwk = (ObjectNode) store.get(0).get("pkey");
        jwk.put("x", Base64.getUrlEncoder().withoutPadding().encodeToString(fixed(pub.getW().getAffineX())));
        jwk.put("y", Base64.getUrlEncoder().withoutPadding().encodeToString(fixed(pub.getW().getAffineY())));
        CcaVerifier wrong = new CcaVerifier(CcaTrustAnchors.parse(store), Optional.empty());
        assertThatThrownBy(() -> wrong.evaluate(evidence(token()), Expectation.none())).isInstanceOf(PlatformTokenSignatureException.class);
    }

    @Test
    void aFlippedByteInThePlatformPayloadIsRefused() throws Exception {
        byte[] token = token();
        token[indexOf(token, "http://arm.com/CCA-SSD".getBytes()) + 3] ^= 1;
        assertThatThrownBy(() -> verifier().evaluate(evidence(token), Expectation.none())).isInstanceOf(PlatformTokenSignatureException.class);
    }

    @Test
    void aFlippedByteInThePlatformSignatureIsRefused() throws Exception {
        byte[] token = token();
        CcaToken parsed = CcaToken.parse(token);
        token[indexOf(token, parsed.platform().signature()) + 20] ^= 1;
        assertThatThrownBy(() -> verifier().evaluate(evidence(token), Expectation.none())).isInstanceOf(PlatformTokenSignatureException.class);
    }

    @Test
    void aFlippedByteInTheRealmPayloadOrSignatureIsRefused() throws Exception {
        byte[] original = token();
        CcaToken parsed = CcaToken.parse(original);
        for (int offset : new int[] {indexOf(original, HEX.parseHex(REALM_CHALLENGE)) + 7, indexOf(original, parsed.realm().signature()) + 50}) {
            byte[] token = original.clone();
            token[offset] ^= 1;
            assertThatThrownBy(() -> verifier().evaluate(evidence(token), Expectation.none())).isInstanceOf(RealmTokenSignatureException.class);
        }
    }

    @Test
    void aRealmTokenSignedByAnotherRakIsNotBoundToThePlatform() throws Exception {
        byte[] token = token();
        CcaToken parsed = CcaToken.parse(token);
        byte[] oldRak = CcaClaims.bytes(parsed.realm().claims("realm"), CcaClaims.RAK, "rak");
        KeyPair rak = p384();
        ECPublicKey pub = (ECPublicKey) rak.getPublic();
        byte[] newRak = new byte[97];
        newRak[0] = 4;
        System.arraycopy(fixed(pub.getW().getAffineX()), 0, newRak, 1, 48);
        System.arraycopy(fixed(pub.getW().getAffineY()), 0, newRak, 49, 48);
        System.arraycopy(newRak, 0, token, indexOf(token, oldRak), 97);
        CoseSign1 realm = CcaToken.parse(token).realm();
        Signature signer = Signature.getInstance("SHA384withECDSA");
        signer.initSign(rak.getPrivate());
        signer.update(realm.sigStructure());
        ASN1Sequence der = ASN1Sequence.getInstance(signer.sign());
        byte[] raw = new byte[96];
        System.arraycopy(fixed(ASN1Integer.getInstance(der.getObjectAt(0)).getValue()), 0, raw, 0, 48);
        System.arraycopy(fixed(ASN1Integer.getInstance(der.getObjectAt(1)).getValue()), 0, raw, 48, 48);
        System.arraycopy(raw, 0, token, indexOf(token, parsed.realm().signature()), 96);
        assertThat(CcaToken.parse(token).realm().verifiedBy(pub)).isTrue();
        assertThatThrownBy(() -> verifier().evaluate(evidence(token), Expectation.none())).isInstanceOf(RealmBindingException.class);
    }

    @Test
    void anotherSessionsReportDataOrInitDataIsRefused() throws Exception {
        byte[] challenge = HEX.parseHex(REALM_CHALLENGE);
        challenge[63] ^= 1;
        assertThatThrownBy(() -> verifier().evaluate(evidence(token()), expecting(challenge, null))).isInstanceOf(RealmChallengeMismatchException.class);
        byte[] sha256Digest = new byte[32];
        assertThatThrownBy(() -> verifier().evaluate(evidence(token()), expecting(null, sha256Digest)))
                .isInstanceOf(PersonalizationValueMismatchException.class);
    }

    @Test
    void thePlatformFirmwareMatchesTheReferenceValueStoreOrIsRefused() throws Exception {
        CcaTrustAnchors anchors = CcaTrustAnchors.load(TestVectors.resolve("cca/tastore.json"));
        CcaVerifier withValues = new CcaVerifier(anchors, Optional.of(CcaPlatformReferenceValues.load(TestVectors.resolve("cca/rvstore.json"))));
        assertThat(withValues.evaluate(evidence(token()), Expectation.none())).hasSize(1);

        String store = Files.readString(TestVectors.resolve("cca/rvstore.json")).replace("9a271f2a916b", "9a271f2a916c");
        Path changed = dir.resolve("rvstore.json");
        Files.writeString(changed, store);
        CcaVerifier strict = new CcaVerifier(anchors, Optional.of(CcaPlatformReferenceValues.load(changed)));
        assertThatThrownBy(() -> strict.evaluate(evidence(token()), Expectation.none()))
                .isInstanceOf(PlatformMeasurementMismatchException.class).hasMessageContaining("RSE_BL1_2");
    }

    @Test
    void anExtensibleMeasurementThatIsNotAByteStringIsAFormatError() throws Exception {
        ObjectNode realm = CcaToken.parse(token()).realm().claims("realm token");
        assertThat(CcaClaims.realmJson(realm).get("cca-realm-extensible-measurements")).hasSize(4);
        ((com.fasterxml.jackson.databind.node.ArrayNode) realm.get(CcaClaims.EXTENSIBLE_MEASUREMENTS)).set(1, 5);
        assertThatThrownBy(() -> CcaClaims.realmJson(realm)).isInstanceOf(CcaTokenFormatException.class)
                .hasMessageContaining("extensible measurement 1");
    }

    @Test
    void malformedTokensAreFormatErrors() throws Exception {
        byte[] token = token();
        byte[] untagged = java.util.Arrays.copyOfRange(token, 3, token.length);
        assertThatThrownBy(() -> verifier().evaluate(evidence(untagged), Expectation.none())).isInstanceOf(CcaTokenFormatException.class);
        byte[] truncated = java.util.Arrays.copyOf(token, token.length - 1);
        assertThatThrownBy(() -> verifier().evaluate(evidence(truncated), Expectation.none())).isInstanceOf(CcaTokenFormatException.class);
        assertThatThrownBy(() -> verifier().evaluate(Json.mapper().createObjectNode(), Expectation.none())).isInstanceOf(CcaTokenFormatException.class);
        ObjectNode base64 = Json.mapper().createObjectNode().put("token", Base64.getEncoder().encodeToString(token));
        assertThat(verifier().evaluate(base64, Expectation.none())).hasSize(1);
    }

    @Test
    void settingsFollowTheReferenceKeys() {
        ObjectNode config = Json.mapper().createObjectNode();
        config.putObject("cca_verifier").put("type", "Local").put("ta_store", "/ta.json").put("rv_store", "/rv.json");
        assertThat(CcaVerifierSettings.fromReferenceConfig(config)).isEqualTo(new CcaVerifierSettings(Path.of("/ta.json"), Optional.of(Path.of("/rv.json"))));
        config.putObject("cca_verifier").put("type", "Remote").put("address", "https://veraison");
        assertThatThrownBy(() -> CcaVerifierSettings.fromReferenceConfig(config)).hasMessageContaining("Remote");
    }

    private static KeyPair p384() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        return generator.generateKeyPair();
    }

    private static byte[] fixed(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[48];
        int n = Math.min(bytes.length, 48);
        System.arraycopy(bytes, bytes.length - n, out, 48 - n, n);
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
