package io.coco4j.guest.secret;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.coco4j.protocol.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SealedSecretTest {

    private static ECKey signer;
    private static ECKey stranger;
    private static final byte[] PASSWORD = "db password".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void keys() throws Exception {
        signer = new ECKeyGenerator(Curve.P_256).generate();
        stranger = new ECKeyGenerator(Curve.P_256).generate();
    }

    /** An unsealer whose kbs store holds one secret and whose key lookup knows the signer's public JWK. */
    private static SecretUnsealer unsealer(boolean skip) {
        SecretStore kbs = (name, annotations) -> {
            if (!name.equals("kbs:///default/db/password")) {
                throw new SealedSecretException("no secret " + name);
            }
            return PASSWORD.clone();
        };
        VerificationKeys keys = kid -> {
            if (!kid.equals("kbs:///default/keys/1")) {
                throw new SealedSecretException("unknown kid " + kid);
            }
            return signer.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        };
        return new SecretUnsealer(keys, Map.of("kbs", kbs), Map.of(), skip);
    }

    private static String sealVault(ECKey key) throws Exception {
        return SealedSecret.seal(SecretPayload.Vault.kbs("kbs:///default/db/password"), "kbs:///default/keys/1", key.toECPrivateKey());
    }

    @Test
    void sealedFormAndRoundTrip() throws Exception {
        String sealed = sealVault(signer);
        String[] parts = sealed.split("\\.");
        assertThat(parts).hasSize(4);
        assertThat(parts[0]).isEqualTo("sealed");
        assertThat(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))
                .isEqualTo("{\"alg\":\"ES256\",\"kid\":\"kbs:///default/keys/1\"}");
        assertThat(Json.readTree(Base64.getUrlDecoder().decode(parts[2])).toString()).isEqualTo("{\"version\":\"0.1.0\",\"type\":\"vault\","
                + "\"name\":\"kbs:///default/db/password\",\"provider\":\"kbs\",\"provider_settings\":{},\"annotations\":{}}");
        assertThat(Base64.getUrlDecoder().decode(parts[3])).hasSize(64);
        assertThat(sealed).doesNotContain("=");

        assertThat(unsealer(false).unseal(sealed.getBytes(StandardCharsets.UTF_8))).isEqualTo(PASSWORD);
        // a repeated prefix is stripped, as the reference does
        assertThat(unsealer(false).unseal(("sealed." + sealed).getBytes(StandardCharsets.UTF_8))).isEqualTo(PASSWORD);
    }

    @Test
    void tamperingAnyPartBreaksTheSignature() throws Exception {
        String sealed = sealVault(signer);
        int[] offsets = {10, sealed.indexOf('.', 8) + 20, sealed.length() - 5};
        for (int offset : offsets) {
            char[] chars = sealed.toCharArray();
            chars[offset] = chars[offset] == 'A' ? 'B' : 'A';
            String tampered = new String(chars);
            assertThatThrownBy(() -> unsealer(false).unseal(tampered.getBytes(StandardCharsets.UTF_8)))
                    .as("offset " + offset).isInstanceOf(SealedSecretException.class);
        }
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() throws Exception {
        assertThatThrownBy(() -> unsealer(false).unseal(sealVault(stranger).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SealedSecretException.class)
                .hasMessage("the sealed secret's signature does not verify with key 'kbs:///default/keys/1'");
    }

    @Test
    void headersMustNameEs256AndAKid() throws Exception {
        String payload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                Json.writeBytes(SecretPayload.Vault.kbs("kbs:///default/db/password").toJson()));
        String hs = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"HS256\",\"kid\":\"k\"}".getBytes());
        assertThatThrownBy(() -> SealedSecret.parse("sealed." + hs + "." + payload + ".AAAA")).hasMessageContaining("ES256");
        String noKid = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"ES256\"}".getBytes());
        assertThatThrownBy(() -> SealedSecret.parse("sealed." + noKid + "." + payload + ".AAAA")).hasMessageContaining("no kid");
        assertThatThrownBy(() -> SealedSecret.parse("sealed.garbage")).hasMessageContaining("not a compact JWS");
    }

    @Test
    void skipModeAcceptsPlaceholderHeadersAndBothPaddings() throws Exception {
        byte[] payload = Json.writeBytes(SecretPayload.Vault.kbs("kbs:///default/db/password").toJson());
        String padded = Base64.getEncoder().encodeToString(payload);
        String unpadded = Base64.getUrlEncoder().withoutPadding().encodeToString(payload);
        for (String body : new String[]{padded, unpadded}) {
            String sealed = "sealed.fakejwsheader." + body + ".fakesignature";
            assertThat(unsealer(true).unseal(sealed.getBytes(StandardCharsets.UTF_8))).isEqualTo(PASSWORD);
            assertThatThrownBy(() -> unsealer(false).unseal(sealed.getBytes(StandardCharsets.UTF_8))).isInstanceOf(SealedSecretException.class);
        }
        assertThatThrownBy(() -> unsealer(true).unseal("sealed.a.b".getBytes())).hasMessageContaining("expected sealed.");
    }

    @Test
    void payloadRules() throws Exception {
        ObjectNode wrongVersion = SecretPayload.Vault.kbs("kbs:///a/b/c").toJson().put("version", "0.2.0");
        assertThatThrownBy(() -> SecretPayload.fromJson(wrongVersion)).hasMessageContaining("version '0.2.0'");
        ObjectNode unknownType = SecretPayload.Vault.kbs("kbs:///a/b/c").toJson().put("type", "other");
        assertThatThrownBy(() -> SecretPayload.fromJson(unknownType)).hasMessageContaining("unknown sealed secret type 'other'");
        ObjectNode noSettings = SecretPayload.Vault.kbs("kbs:///a/b/c").toJson();
        noSettings.remove("provider_settings");
        assertThatThrownBy(() -> SecretPayload.fromJson(noSettings)).hasMessageContaining("provider_settings");
        ObjectNode noAnnotations = SecretPayload.Vault.kbs("kbs:///a/b/c").toJson();
        noAnnotations.set("annotations", JsonNodeFactory.instance.arrayNode());
        assertThatThrownBy(() -> SecretPayload.fromJson(noAnnotations)).hasMessageContaining("annotations");
    }

    private static String sealEnvelope(String provider) throws Exception {
        SecretPayload.Envelope envelope = new SecretPayload.Envelope(provider, "alias/k", "a2V5", "ZGF0YQ==", "A256GCM", "aXY=",
                JsonNodeFactory.instance.objectNode().put("region", "us-east-1"), null);
        return SealedSecret.seal(envelope, "kbs:///default/keys/1", signer.toECPrivateKey());
    }

    @Test
    void envelopeSecretsForKmsProvidersCoco4jDoesNotImplementAreRefusedByName() throws Exception {
        for (String provider : new String[]{"aws", "Aliyun", "ehsm"}) {
            String sealed = sealEnvelope(provider);
            assertThatThrownBy(() -> unsealer(false).unseal(sealed.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(SealedSecretException.class)
                    .hasMessageContaining("KMS provider '" + provider + "' is not supported by coco4j");
        }
        String unknown = sealEnvelope("vault9000");
        assertThatThrownBy(() -> unsealer(false).unseal(unknown.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("unknown KMS provider 'vault9000'");
        String vaultElsewhere = SealedSecret.seal(new SecretPayload.Vault("secret/x", "aws", null, null), "kbs:///default/keys/1",
                signer.toECPrivateKey());
        assertThatThrownBy(() -> unsealer(false).unseal(vaultElsewhere.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("vault secret's KMS provider 'aws' is not supported by coco4j (supported for vault secrets: kbs)");
    }

    @Test
    void envelopeDataDecryptsWithTheKeyItsKmsUnwraps() throws Exception {
        byte[] dek = new byte[32];
        new SecureRandom().nextBytes(dek);
        byte[] iv = new byte[12];
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(dek, "AES"), new GCMParameterSpec(128, iv));
        byte[] data = gcm.doFinal(PASSWORD);
        SecretPayload.Envelope envelope = new SecretPayload.Envelope("test-kms", "k1", Base64.getEncoder().encodeToString(dek),
                Base64.getEncoder().encodeToString(data), "A256GCM", Base64.getEncoder().encodeToString(iv), null, null);
        String sealed = SealedSecret.seal(envelope, "kbs:///default/keys/1", signer.toECPrivateKey());
        EnvelopeKeyDecryptor identity = (encrypted, keyId, annotations) -> encrypted.clone();
        SecretUnsealer unsealer = new SecretUnsealer(kid -> signer.toPublicJWK().toJSONString().getBytes(), Map.of(), Map.of("TEST-KMS", identity), false);
        assertThat(unsealer.unseal(sealed.getBytes(StandardCharsets.UTF_8))).isEqualTo(PASSWORD);

        byte[] counter = new byte[16];
        Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
        ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(dek, "AES"), new IvParameterSpec(counter));
        assertThat(SecretUnsealer.decrypt("A256CTR", dek, ctr.doFinal(PASSWORD), counter)).isEqualTo(PASSWORD);
        data[0] ^= 1;
        assertThatThrownBy(() -> SecretUnsealer.decrypt("A256GCM", dek, data, iv)).hasMessageContaining("does not decrypt");
        assertThatThrownBy(() -> SecretUnsealer.decrypt("A128CBC", dek, data, iv)).hasMessageContaining("unsupported wrap_type");
        assertThatThrownBy(() -> SecretUnsealer.decrypt("A256GCM", dek, data, counter)).hasMessageContaining("12-byte IV");
    }
}
