package io.coco4j.as.ear;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.jose.Base64Url;
import io.coco4j.protocol.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

/**
 * Issues EAR attestation tokens: a JWS (compact, ES256) whose header carries the signer's public
 * JWK and whose payload holds the profile, issue and expiry times, the verifier id and one
 * appraisal per submod. The same JWK is published as the JWKS.
 */
public final class EarTokenBroker {

    private static final Logger LOG = LoggerFactory.getLogger(EarTokenBroker.class);

    private final EarTokenBrokerSettings settings;
    private final SigningKey key;
    private final Clock clock;
    private final String encodedHeader;

    private EarTokenBroker(EarTokenBrokerSettings settings, SigningKey key, Clock clock) {
        this.settings = settings;
        this.key = key;
        this.clock = clock;
        ObjectNode header = JsonNodeFactory.instance.objectNode();
        header.put("typ", "JWT");
        header.put("alg", "ES256");
        header.set("jwk", key.jwk());
        this.encodedHeader = Base64Url.encode(Json.writeBytes(header));
    }

    /** Loads the configured signer, or generates an ephemeral P-256 key when none is configured. */
    public static EarTokenBroker create(EarTokenBrokerSettings settings) throws SigningKeyException {
        return create(settings, Clock.systemUTC());
    }

    public static EarTokenBroker create(EarTokenBrokerSettings settings, Clock clock) throws SigningKeyException {
        SigningKey key;
        if (settings.signer().isPresent()) {
            key = SigningKey.load(settings.signer().get());
            LOG.info("EAR tokens are signed with the configured {}", settings.signer().get().key().describe());
        } else {
            key = SigningKey.ephemeral();
            LOG.info("no token signer configured: EAR tokens are signed with an ephemeral P-256 key and no certificate");
        }
        return new EarTokenBroker(settings, key, clock);
    }

    public EarTokenBrokerSettings settings() {
        return settings;
    }

    /** The signing key, for other signatures the same authority makes (audit checkpoints). */
    public TokenSigner signer() {
        return key;
    }

    /** {@code {"keys":[jwk]}}: the key tokens are signed with, as the AS publishes it at {@code /.well-known/jwks.json}. */
    public ObjectNode jwks() {
        ObjectNode jwks = JsonNodeFactory.instance.objectNode();
        ArrayNode keys = jwks.putArray("keys");
        keys.add(key.jwk());
        return jwks;
    }

    /**
     * Signs a token holding the given submods (name → appraisal, e.g. {@code cpu0}, {@code gpu0}).
     *
     * @throws IllegalArgumentException when there is no submod
     */
    public String issue(Map<String, Appraisal> submods) throws TokenSigningException {
        if (submods.isEmpty()) {
            throw new IllegalArgumentException("an EAR token needs at least one submod");
        }
        long iat = clock.instant().getEpochSecond();
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("eat_profile", settings.profileName());
        claims.put("iat", iat);
        ObjectNode verifierId = claims.putObject("ear.verifier-id");
        verifierId.put("developer", settings.developerName());
        verifierId.put("build", settings.buildName());
        ObjectNode submodsNode = claims.putObject("submods");
        new TreeMap<>(submods).forEach((name, appraisal) -> submodsNode.set(name, appraisal.toJson()));
        claims.put("exp", iat + settings.durationMin() * 60L);
        claims.put("iss", settings.issuerName());

        String signingInput = encodedHeader + "." + Base64Url.encode(Json.writeBytes(claims));
        byte[] signature = key.signEs256(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64Url.encode(signature);
    }
}
