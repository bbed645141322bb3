package io.coco4j.fuzz;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64;
import io.coco4j.fuzz.jose.NimbusJoseFuzzTest;
import io.coco4j.guest.aa.KbsTokenResponse;
import io.coco4j.guest.kbs.GuestTokenFuzzTest;
import io.coco4j.guest.kbs.TeeKeyPem;
import io.coco4j.guest.secret.SealedSecretFuzzTest;
import io.coco4j.image.cipher.PrivateLayerOptions;
import io.coco4j.image.keywrap.JweKeyUnwrapFuzzTest;
import io.coco4j.image.keywrap.JweKeyWrapper;
import io.coco4j.image.oci.Digest;
import io.coco4j.kbs.jwks.CompactJwsFuzzTest;
import io.coco4j.kbs.jwks.JwkSetFuzzTest;
import io.coco4j.kbs.token.AttestationTokenFuzzTest;
import io.coco4j.protocol.jose.FixedKeys;
import io.coco4j.protocol.jose.ResourceEncryptor;
import io.coco4j.protocol.jose.ResourceJweFuzzTest;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.jose.TeePublicKey;
import io.coco4j.protocol.jose.TeePublicKeyFuzzTest;
import io.coco4j.protocol.json.Json;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.List;

/** Seeds for JOSE parsing: resource JWEs, TEE keys, JWK sets, attestation tokens, sealed secrets, layer key wraps. */
final class JoseSeeds {

    private JoseSeeds() {
    }

    static void addTo(SeedCorpus seeds) throws Exception {
        TeeKeyPair tee = ResourceJweFuzzTest.fixedEcKey();
        var jwe = new ResourceEncryptor().encrypt("a resource".getBytes(StandardCharsets.UTF_8), tee.publicJwk(), TeePublicKey.KeyPolicy.DEFAULT);
        seeds.add(ResourceJweFuzzTest.class, "ecdh-es-a256kw", Json.writeBytes(jwe));
        seeds.add(TeePublicKeyFuzzTest.class, "ec-p256", Json.writeBytes(tee.publicJwk()));
        seeds.add(TeePublicKeyFuzzTest.class, "ec-p521", Json.writeBytes(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P521).publicJwk()));
        seeds.add(TeePublicKeyFuzzTest.class, "rsa-oaep-256", Json.writeBytes(TeeKeyPair.generate(TeeKeyAlgorithm.RSA_OAEP_256).publicJwk()));

        KeyPair signer = FixedKeys.p256(AttestationTokenFuzzTest.SIGNER_KEY_BYTE);
        ECKey signerJwk = new ECKey.Builder(Curve.P_256, (ECPublicKey) signer.getPublic())
                .keyID(AttestationTokenFuzzTest.KID).algorithm(JWSAlgorithm.ES256).build();
        long expiry = AttestationTokenFuzzTest.CLOCK.plus(Duration.ofDays(365)).getEpochSecond();
        String claims = "{\"exp\":" + expiry + ",\"iat\":" + AttestationTokenFuzzTest.CLOCK.getEpochSecond()
                + ",\"ear.status\":\"affirming\",\"submods\":{\"cpu0\":{\"ear.trustworthiness-vector\":{\"executables\":2}}}}";
        String byKid = sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(AttestationTokenFuzzTest.KID).type(JOSEObjectType.JWT).build(),
                claims, signer);
        String headerJwk = sign(new JWSHeader.Builder(JWSAlgorithm.ES256).jwk(signerJwk).build(), claims, signer);
        KeyPair root = FixedKeys.p256(AttestationTokenFuzzTest.ROOT_KEY_BYTE);
        var leaf = FixedCertificates.leaf(root, AttestationTokenFuzzTest.ROOT_NAME, signer.getPublic(), "fuzz token signer");
        var rootCert = FixedCertificates.root(root, AttestationTokenFuzzTest.ROOT_NAME);
        ECKey endorsed = new ECKey.Builder(signerJwk).x509CertChain(List.of(Base64.encode(leaf.getEncoded()), Base64.encode(rootCert.getEncoded())))
                .build();
        String x5c = sign(new JWSHeader.Builder(JWSAlgorithm.ES256).jwk(endorsed).build(), claims, signer);
        for (Class<?> target : List.of(AttestationTokenFuzzTest.class, CompactJwsFuzzTest.class, NimbusJoseFuzzTest.class)) {
            seeds.add(target, "token-by-kid", byKid);
            seeds.add(target, "token-header-jwk", headerJwk);
            seeds.add(target, "token-x5c", x5c);
        }
        seeds.add(GuestTokenFuzzTest.class, "token-by-kid", byKid);
        seeds.add(GuestTokenFuzzTest.class, "aa-token-reply", KbsTokenResponse.encode(byKid, TeeKeyPem.privateKeyPem(FixedKeys.p256(0x44))));

        JWKSet set = new JWKSet(List.<JWK>of(signerJwk, JWK.parse(Json.write(TeeKeyPair.generate(TeeKeyAlgorithm.RSA_OAEP_256).publicJwk()))));
        seeds.add(JwkSetFuzzTest.class, "ec-and-rsa", set.toString());
        seeds.add(JwkSetFuzzTest.class, "okp", "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"ed\",\"alg\":\"EdDSA\","
                + "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}]}");
        seeds.add(NimbusJoseFuzzTest.class, "jwk-set", set.toString());
        seeds.add(NimbusJoseFuzzTest.class, "jwk", signerJwk.toJSONString());
        JWEObject compactJwe = new JWEObject(new JWEHeader(JWEAlgorithm.ECDH_ES_A256KW, EncryptionMethod.A256GCM), new Payload("secret"));
        compactJwe.encrypt(new ECDHEncrypter((ECPublicKey) FixedKeys.p256(ResourceJweFuzzTest.TEE_KEY_BYTE).getPublic()));
        seeds.add(NimbusJoseFuzzTest.class, "jwe-compact", compactJwe.serialize());

        seeds.add(SealedSecretFuzzTest.class, "vault", sealed(signer, "{\"version\":\"0.1.0\",\"type\":\"vault\","
                + "\"name\":\"kbs:///default/db/password\",\"provider\":\"kbs\",\"provider_settings\":{},\"annotations\":{}}"));
        seeds.add(SealedSecretFuzzTest.class, "envelope", sealed(signer, "{\"version\":\"0.1.0\",\"type\":\"envelope\","
                + "\"provider\":\"kms\",\"key_id\":\"kbs:///default/kek/1\",\"encrypted_key\":\"AAAA\",\"encrypted_data\":\"AAAA\","
                + "\"wrap_type\":\"A256GCM\",\"iv\":\"AAAAAAAAAAAAAAAA\",\"provider_settings\":{},\"annotations\":{}}"));

        byte[] options = PrivateLayerOptions.of(new byte[32], Digest.parse("sha256:" + "ab".repeat(32)), new byte[16]).toJson();
        KeyPair recipient = FixedKeys.p256(JweKeyUnwrapFuzzTest.RECIPIENT_KEY_BYTE);
        seeds.add(JweKeyUnwrapFuzzTest.class, "ecdh-es", new JweKeyWrapper(List.of(recipient.getPublic())).wrap(options).get(0));
    }

    private static String sign(JWSHeader header, String claims, KeyPair key) throws Exception {
        JWSObject jws = new JWSObject(header, new Payload(claims));
        jws.sign(new ECDSASigner((ECPrivateKey) key.getPrivate()));
        return jws.serialize();
    }

    private static String sealed(KeyPair key, String payload) throws Exception {
        return "sealed." + sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("kbs:///default/sealing-key/1").build(), payload, key);
    }
}
