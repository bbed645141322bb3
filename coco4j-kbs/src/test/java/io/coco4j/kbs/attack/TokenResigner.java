package io.coco4j.kbs.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.coco4j.kbs.http.TlsMaterial;
import io.coco4j.kbs.server.TestKbs;
import io.coco4j.protocol.json.Json;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.Reader;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.List;

/**
 * Signs chosen claims with the KBS's real token signer (read from its data directory), as an
 * insider who stole the signing key or a bug in the AS would: what the KBS still checks on such a
 * token is what stands between it and the attacker.
 */
final class TokenResigner {

    private TokenResigner() {
    }

    static String sign(TestKbs kbs, JsonNode claims) throws Exception {
        ECPrivateKey key;
        try (Reader reader = Files.newBufferedReader(kbs.data.tokenSignerKey()); PEMParser parser = new PEMParser(reader)) {
            key = (ECPrivateKey) new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
        }
        X509Certificate certificate = TlsMaterial.readCertificates(kbs.data.tokenSignerCertificate()).get(0);
        ECKey jwk = new ECKey.Builder(Curve.P_256, (ECPublicKey) certificate.getPublicKey()).algorithm(JWSAlgorithm.ES256)
                .x509CertChain(List.of(Base64.encode(certificate.getEncoded()))).build();
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).jwk(jwk).build(), JWTClaimsSet.parse(Json.write(claims)));
        token.sign(new ECDSASigner(key));
        return token.serialize();
    }

    /** The (unverified) claims of a compact JWT. */
    static JsonNode claims(String token) throws Exception {
        return Json.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }
}
