package io.coco4j.kbs.token;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.kbs.config.AttestationTokenConfig;
import io.coco4j.kbs.jwks.CompactJws;
import io.coco4j.kbs.jwks.ExpirationClaim;
import io.coco4j.kbs.jwks.JwkPublicKeys;
import io.coco4j.kbs.jwks.JwkSetLoader;
import io.coco4j.kbs.jwks.JwsAlgorithm;
import io.coco4j.kbs.jwks.JwsException;
import io.coco4j.kbs.jwks.JwsSignatures;
import io.coco4j.kbs.jwks.KeySourceException;
import io.coco4j.kbs.jwks.KeySourceReader;
import io.coco4j.kbs.jwks.TrustedJwkSet;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies attestation tokens presented to the KBS, whether they come from a session cookie or an
 * {@code Authorization: Bearer} header.
 *
 * <p>The signing key comes from the token header: an embedded {@code jwk} is used as is only with
 * {@code insecure_header_jwk = true}; otherwise it must be endorsed by its {@code x5c} chain up to a
 * root in {@code trusted_certs_paths}. Without a {@code jwk}, the {@code kid} selects a key from the
 * {@code trusted_jwk_sets}. The key must name its {@code alg}, the header must use that same
 * algorithm ({@code none} and HMAC are never accepted), the signature must verify, {@code exp} is
 * required (60 s leeway), a present {@code nbf} must have passed, and {@code iss} and {@code aud}
 * must meet the configured {@link ClaimExpectations}.
 *
 * <p>A guest presents the same token on each resource request, so a token that passed every check
 * is remembered by its SHA-256 until it expires or its signing certificate path does, whichever is
 * first ({@link VerifiedTokens}); an expired or altered token is checked in full again.
 */
public final class AttestationTokenVerifier {

    private final boolean insecureHeaderJwk;
    private final HeaderJwkEndorsement endorsement;
    private final List<TrustedJwkSet> jwkSets;
    private final ClaimExpectations expectations;
    private final Clock clock;
    private final VerifiedTokens verified = new VerifiedTokens(VerifiedTokens.DEFAULT_CAPACITY);

    /**
     * @throws TokenVerifierInitializationException when nothing would ever be trusted: no certificates,
     *         no JWK sets and {@code insecureHeaderJwk} false (the reference refuses to start then)
     */
    public AttestationTokenVerifier(TrustedCertificates certificates, List<TrustedJwkSet> jwkSets,
                                    boolean insecureHeaderJwk, Clock clock) throws TokenVerifierInitializationException {
        this(certificates, jwkSets, insecureHeaderJwk, ClaimExpectations.none(), clock);
    }

    public AttestationTokenVerifier(TrustedCertificates certificates, List<TrustedJwkSet> jwkSets, boolean insecureHeaderJwk,
                                    ClaimExpectations expectations, Clock clock) throws TokenVerifierInitializationException {
        if (certificates.isEmpty() && jwkSets.isEmpty() && !insecureHeaderJwk) {
            throw new TokenVerifierInitializationException("no attestation token can be trusted: configure "
                    + "attestation_token.trusted_certs_paths or attestation_token.trusted_jwk_sets "
                    + "(or, for tests only, insecure_header_jwk = true)");
        }
        if (!certificates.isEmpty() && certificates.roots().isEmpty()) {
            throw new TokenVerifierInitializationException("attestation_token.trusted_certs_paths holds no "
                    + "self-signed root certificate, so no certificate chain could ever end there");
        }
        this.insecureHeaderJwk = insecureHeaderJwk;
        this.endorsement = new HeaderJwkEndorsement(certificates, clock);
        this.jwkSets = List.copyOf(jwkSets);
        this.expectations = expectations;
        this.clock = clock;
    }

    /** Loads the certificate files and JWK sets named by the configuration. */
    public static AttestationTokenVerifier create(AttestationTokenConfig config, JwkSetLoader loader, Clock clock)
            throws TokenVerifierInitializationException {
        TrustedCertificates certificates = TrustedCertificates.load(config.trustedCertsPaths());
        List<TrustedJwkSet> sets = new ArrayList<>();
        for (String location : config.trustedJwkSets()) {
            try {
                sets.add(loader.load(location));
            } catch (KeySourceException e) {
                throw new TokenVerifierInitializationException("cannot load trusted JWK set: " + e.getMessage(), e);
            }
        }
        return new AttestationTokenVerifier(certificates, sets, config.insecureHeaderJwk(), ClaimExpectations.of(config), clock);
    }

    /** {@link #create(AttestationTokenConfig, JwkSetLoader, Clock)} with the JDK's HTTPS trust store and clock. */
    public static AttestationTokenVerifier create(AttestationTokenConfig config)
            throws TokenVerifierInitializationException {
        return create(config, new JwkSetLoader(KeySourceReader.withDefaultHttpClient()), Clock.systemUTC());
    }

    /** The verified claims of {@code jwt}: remembered ones while they last, else {@link #verifyFully(String)}. */
    public JsonNode verify(String jwt) throws TokenVerificationException {
        String key = VerifiedTokens.key(jwt);
        if (verified.contains(key, clock.instant())) {
            try {
                // the text hashes to a verified token's, so these are its verified claims
                return CompactJws.parse(jwt).claims();
            } catch (JwsException e) {
                throw new TokenVerificationException("attestation token rejected: " + e.getMessage(), e);
            }
        }
        return verifyFully(jwt, key);
    }

    /**
     * The verified claims of {@code jwt}, every check made whether or not the token is remembered
     * (then remembered for {@link #verify(String)}); what a token costs the first time.
     */
    public JsonNode verifyFully(String jwt) throws TokenVerificationException {
        return verifyFully(jwt, VerifiedTokens.key(jwt));
    }

    private JsonNode verifyFully(String jwt, String cacheKey) throws TokenVerificationException {
        CompactJws jws;
        JwsAlgorithm algorithm;
        try {
            jws = CompactJws.parse(jwt);
            algorithm = JwsAlgorithm.require(jws.algorithm());
        } catch (JwsException e) {
            throw new TokenVerificationException("attestation token rejected: " + e.getMessage(), e);
        }
        JsonNode jwk = signingJwk(jws);
        JsonNode keyAlg = jwk.get("alg");
        if (keyAlg == null || !keyAlg.isTextual()) {
            throw new TokenVerificationException("the token signing key does not name its algorithm (\"alg\")");
        }
        if (!keyAlg.textValue().equals(algorithm.joseName())) {
            throw new TokenVerificationException("the token header says alg " + algorithm.joseName()
                    + " but its signing key is for " + keyAlg.textValue());
        }
        PublicKey key;
        Instant keyValidUntil = Instant.MAX;
        if (jws.headerJwk().isPresent() && !insecureHeaderJwk) {
            HeaderJwkEndorsement.Endorsed endorsed = endorsement.endorse(jwk);
            key = endorsed.key();
            keyValidUntil = endorsed.validUntil();
        } else {
            key = publicKey(jwk);
        }
        try {
            if (!JwsSignatures.verify(jws, algorithm, key)) {
                throw new TokenVerificationException("the attestation token signature does not verify");
            }
        } catch (JwsException e) {
            throw new TokenVerificationException("the attestation token signature cannot be checked: "
                    + e.getMessage(), e);
        }
        JsonNode claims = jws.claims();
        Instant expiry;
        try {
            expiry = ExpirationClaim.read(claims);
            ExpirationClaim.checkNotBefore(claims, clock.instant());
        } catch (JwsException e) {
            throw new TokenVerificationException("attestation token rejected: " + e.getMessage(), e);
        }
        if (ExpirationClaim.hasExpired(expiry, clock.instant())) {
            throw new TokenVerificationException("the attestation token expired at " + expiry);
        }
        expectations.check(claims);
        Instant until = expiry.plus(ExpirationClaim.LEEWAY);
        verified.put(cacheKey, until.isBefore(keyValidUntil) ? until : keyValidUntil, clock.instant());
        return claims;
    }

    private JsonNode signingJwk(CompactJws jws) throws TokenVerificationException {
        Optional<JsonNode> headerJwk = jws.headerJwk();
        if (headerJwk.isPresent()) {
            if (!headerJwk.get().isObject()) {
                throw new TokenVerificationException("the token header jwk is not a JSON object");
            }
            return headerJwk.get();
        }
        Optional<String> kid = jws.keyId();
        if (kid.isEmpty()) {
            throw new TokenVerificationException("the token header names no key: it has neither jwk nor kid");
        }
        for (TrustedJwkSet set : jwkSets) {
            Optional<JsonNode> key = set.findByKid(kid.get());
            if (key.isPresent()) {
                return key.get();
            }
        }
        throw new TokenVerificationException("no trusted JWK set holds a key with kid \"" + kid.get() + "\"");
    }

    private static PublicKey publicKey(JsonNode jwk) throws TokenVerificationException {
        try {
            return JwkPublicKeys.toPublicKey(jwk);
        } catch (JwsException e) {
            throw new TokenVerificationException("the token signing key is unusable: " + e.getMessage(), e);
        }
    }
}
