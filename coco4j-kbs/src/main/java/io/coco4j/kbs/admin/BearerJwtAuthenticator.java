package io.coco4j.kbs.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.kbs.config.AdminConfig;
import io.coco4j.kbs.jwks.CompactJws;
import io.coco4j.kbs.jwks.ExpirationClaim;
import io.coco4j.kbs.jwks.JwkPublicKeys;
import io.coco4j.kbs.jwks.JwkSetLoader;
import io.coco4j.kbs.jwks.JwsAlgorithm;
import io.coco4j.kbs.jwks.JwsException;
import io.coco4j.kbs.jwks.JwsSignatures;
import io.coco4j.kbs.jwks.KeySourceException;
import io.coco4j.kbs.jwks.KeySourceReader;
import io.coco4j.kbs.jwks.PemPublicKeys;
import io.coco4j.kbs.jwks.TrustedJwkSet;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code [admin.authentication.bearer_jwt]}: verifies {@code Authorization: Bearer <JWT>} against the
 * configured identity providers, in order; the first that passes every check wins.
 *
 * <p>For each provider the key is chosen as the reference does: when the token header has no
 * {@code jwk} and the provider has a JWK set, the JWK whose {@code kid} matches (it must name an
 * {@code alg} equal to the header's); otherwise, or when that fails, the provider's PEM key with the
 * header's {@code alg}. A key embedded in the token header is never trusted. Then {@code exp} is
 * required (60 s leeway), {@code iss} must equal the provider's {@code issuer} and {@code aud} must
 * contain its {@code audience} when those are configured. The winning token must carry a string
 * {@code role} claim.
 */
public final class BearerJwtAuthenticator {

    /** One identity provider with its keys loaded. */
    private record TrustedIssuer(int index, Optional<String> issuer, Optional<String> audience,
                                 Optional<PublicKey> pemKey, Optional<TrustedJwkSet> jwkSet) {
    }

    /** The outcome of checking a token against one identity provider. */
    private record Rejection(AdminAuthFailure failure, String message) {
        int rank() {
            return switch (failure) {
                case BAD_SIGNATURE -> 0;
                case MALFORMED_TOKEN, EXPIRED -> 1;
                case WRONG_ISSUER -> 2;
                default -> 3;
            };
        }
    }

    private final List<TrustedIssuer> issuers;
    private final Clock clock;

    private BearerJwtAuthenticator(List<TrustedIssuer> issuers, Clock clock) {
        this.issuers = List.copyOf(issuers);
        this.clock = clock;
    }

    /** Loads every provider's PEM key and JWK set. */
    public static BearerJwtAuthenticator create(AdminConfig.BearerJwt config, KeySourceReader reader, Clock clock)
            throws AdminAuthInitializationException {
        if (config.identityProviders().isEmpty()) {
            throw new AdminAuthInitializationException(
                    "admin.authentication.bearer_jwt.identity_providers: at least one identity provider is required");
        }
        JwkSetLoader jwkSetLoader = new JwkSetLoader(reader);
        List<TrustedIssuer> issuers = new ArrayList<>();
        for (int i = 0; i < config.identityProviders().size(); i++) {
            AdminConfig.IdentityProvider idp = config.identityProviders().get(i);
            String where = "admin.authentication.bearer_jwt.identity_providers[" + i + "]";
            Optional<PublicKey> pem = Optional.empty();
            Optional<TrustedJwkSet> jwks = Optional.empty();
            try {
                if (idp.publicKeyUri().isPresent()) {
                    String uri = idp.publicKeyUri().get();
                    pem = Optional.of(PemPublicKeys.parse(reader.read(uri), uri));
                }
                if (idp.jwkSetUri().isPresent()) {
                    jwks = Optional.of(jwkSetLoader.load(idp.jwkSetUri().get()));
                }
            } catch (KeySourceException e) {
                throw new AdminAuthInitializationException(where + ": " + e.getMessage(), e);
            }
            issuers.add(new TrustedIssuer(i, idp.issuer(), idp.audience(), pem, jwks));
        }
        return new BearerJwtAuthenticator(issuers, clock);
    }

    /** The identity of a request's bearer token. */
    public AdminIdentity authenticate(Optional<String> authorizationHeader) throws AdminAuthException {
        String token = bearerToken(authorizationHeader);
        CompactJws jws;
        JwsAlgorithm algorithm;
        try {
            jws = CompactJws.parse(token);
        } catch (JwsException e) {
            throw new AdminAuthException(AdminAuthFailure.MALFORMED_TOKEN,
                    "the admin token is not a well-formed JWT: " + e.getMessage());
        }
        try {
            algorithm = JwsAlgorithm.require(jws.algorithm());
        } catch (JwsException e) {
            throw new AdminAuthException(AdminAuthFailure.BAD_SIGNATURE, "admin token refused: " + e.getMessage());
        }
        Rejection worst = null;
        for (TrustedIssuer issuer : issuers) {
            Rejection rejection = check(jws, algorithm, issuer);
            if (rejection == null) {
                return identity(jws.claims());
            }
            // Report the provider that got furthest: a wrong issuer says more than a foreign signature.
            if (worst == null || rejection.rank() > worst.rank()) {
                worst = rejection;
            }
        }
        throw new AdminAuthException(worst.failure(), worst.message());
    }

    private static String bearerToken(Optional<String> header) throws AdminAuthException {
        if (header.isEmpty() || header.get().isBlank()) {
            throw new AdminAuthException(AdminAuthFailure.MISSING_TOKEN,
                    "the admin request carries no Authorization: Bearer token");
        }
        String value = header.get().trim();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            throw new AdminAuthException(AdminAuthFailure.MISSING_TOKEN,
                    "the Authorization header of the admin request does not carry a Bearer token");
        }
        String token = value.substring(space + 1).trim();
        if (token.isEmpty()) {
            throw new AdminAuthException(AdminAuthFailure.MISSING_TOKEN, "the admin request's Bearer token is empty");
        }
        return token;
    }

    /** Null when the token passes this provider's checks. */
    private Rejection check(CompactJws jws, JwsAlgorithm algorithm, TrustedIssuer issuer) {
        String who = "identity provider " + issuer.index()
                + issuer.issuer().map(i -> " (issuer '" + i + "')").orElse("");
        String keyProblem = null;
        boolean verified = false;
        if (jws.headerJwk().isEmpty() && issuer.jwkSet().isPresent() && jws.keyId().isPresent()) {
            Optional<JsonNode> jwk = issuer.jwkSet().get().findByKid(jws.keyId().get());
            if (jwk.isPresent()) {
                JsonNode keyAlg = jwk.get().get("alg");
                if (keyAlg == null || !keyAlg.isTextual()) {
                    keyProblem = "its JWK with that kid names no alg";
                } else if (!keyAlg.textValue().equals(algorithm.joseName())) {
                    keyProblem = "the token's alg " + algorithm.joseName() + " differs from its JWK's alg "
                            + keyAlg.textValue();
                } else {
                    try {
                        verified = JwsSignatures.verify(jws, algorithm, JwkPublicKeys.toPublicKey(jwk.get()));
                    } catch (JwsException e) {
                        keyProblem = e.getMessage();
                    }
                }
            }
        }
        if (!verified && issuer.pemKey().isPresent()) {
            try {
                verified = JwsSignatures.verify(jws, algorithm, issuer.pemKey().get());
            } catch (JwsException e) {
                keyProblem = e.getMessage();
            }
        }
        if (!verified) {
            return new Rejection(AdminAuthFailure.BAD_SIGNATURE, "the admin token is not signed by a key of any "
                    + "configured identity provider" + (keyProblem == null ? "" : " (" + who + ": " + keyProblem + ")"));
        }
        JsonNode claims = jws.claims();
        Instant expiry;
        try {
            expiry = ExpirationClaim.read(claims);
        } catch (JwsException e) {
            return new Rejection(AdminAuthFailure.MALFORMED_TOKEN, "admin token refused: " + e.getMessage());
        }
        if (ExpirationClaim.hasExpired(expiry, clock.instant())) {
            return new Rejection(AdminAuthFailure.EXPIRED, "the admin token expired at " + expiry);
        }
        if (issuer.issuer().isPresent()) {
            JsonNode iss = claims.get("iss");
            String actual = iss != null && iss.isTextual() ? iss.textValue() : "";
            if (!issuer.issuer().get().equals(actual)) {
                return new Rejection(AdminAuthFailure.WRONG_ISSUER, "the admin token's issuer "
                        + (actual.isEmpty() ? "is missing" : "'" + actual + "'") + " but " + who + " expects '"
                        + issuer.issuer().get() + "'");
            }
        }
        if (issuer.audience().isPresent()) {
            List<String> audiences = audiences(claims.get("aud"));
            if (!audiences.contains(issuer.audience().get())) {
                return new Rejection(AdminAuthFailure.WRONG_AUDIENCE, "the admin token's audience " + audiences
                        + " does not include '" + issuer.audience().get() + "' required by " + who);
            }
        }
        return null;
    }

    private static List<String> audiences(JsonNode aud) {
        List<String> out = new ArrayList<>();
        if (aud != null && aud.isTextual()) {
            out.add(aud.textValue());
        } else if (aud != null && aud.isArray()) {
            for (JsonNode entry : aud) {
                if (entry.isTextual()) {
                    out.add(entry.textValue());
                }
            }
        }
        return out;
    }

    private static AdminIdentity identity(JsonNode claims) throws AdminAuthException {
        JsonNode role = claims.get("role");
        if (role == null || !role.isTextual()) {
            throw new AdminAuthException(AdminAuthFailure.MISSING_ROLE,
                    "the admin token has no string \"role\" claim, which admin tokens must carry");
        }
        return new AdminIdentity(role.textValue(), text(claims.get("sub")), text(claims.get("iss")), claims);
    }

    private static Optional<String> text(JsonNode node) {
        return node != null && node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
    }
}
