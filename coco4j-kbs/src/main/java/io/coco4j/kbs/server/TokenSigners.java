package io.coco4j.kbs.server;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import io.coco4j.as.ear.EarTokenBroker;
import io.coco4j.as.ear.EarTokenBrokerSettings;
import io.coco4j.as.ear.SignerSettings;
import io.coco4j.as.ear.SigningKeyException;
import io.coco4j.kbs.config.TokenBrokerConfig;
import io.coco4j.protocol.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;

/**
 * The token signer a KBS uses: {@code [attestation_token_broker.signer]} (a PEM key or a PKCS#11
 * key), else the data directory's key, generated on first start.
 */
public final class TokenSigners {

    private TokenSigners() {
    }

    /** The signer's settings; with {@code generate}, a missing data-directory key is created. */
    public static SignerSettings settings(TokenBrokerConfig broker, DataDirectory data, boolean generate)
            throws IOException, GeneralSecurityException {
        if (broker.signer().isPresent()) {
            var configured = broker.signer().get();
            SignerSettings settings = configured.pkcs11().isPresent()
                    ? SignerSettings.pkcs11(configured.pkcs11().get().token(), configured.pkcs11().get().keyLabel())
                    : SignerSettings.key(configured.keyPath().orElseThrow());
            if (configured.certPath().isPresent()) {
                settings = settings.withCertPath(configured.certPath().get());
            }
            if (configured.certUrl().isPresent()) {
                settings = settings.withCertUrl(configured.certUrl().get());
            }
            return settings;
        }
        if (generate) {
            data.ensureTokenSigner();
        } else if (!Files.isRegularFile(data.tokenSignerKey())) {
            throw new IOException("the data directory " + data.root() + " has no token signer (" + data.tokenSignerKey() + ")");
        }
        return SignerSettings.key(data.tokenSignerKey()).withCertPath(data.tokenSignerCertificate());
    }

    /** The signer's public key, loaded the way the KBS loads it (for checking its signatures). */
    public static ECPublicKey publicKey(SignerSettings settings) throws SigningKeyException {
        EarTokenBroker broker = EarTokenBroker.create(EarTokenBrokerSettings.defaults().withSigner(settings));
        try {
            return ECKey.parse(Json.write(broker.signer().publicJwk())).toECPublicKey();
        } catch (ParseException | JOSEException e) {
            throw new SigningKeyException("the token signer's public key is unusable", e);
        }
    }
}
