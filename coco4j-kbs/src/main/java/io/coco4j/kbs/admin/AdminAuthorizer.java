package io.coco4j.kbs.admin;

import io.coco4j.kbs.config.AdminConfig;
import io.coco4j.kbs.jwks.KeySourceReader;
import java.time.Clock;
import java.util.Optional;

/** Decides whether a request may use the KBS admin API. */
public interface AdminAuthorizer {

    /**
     * Allows the request or throws.
     *
     * @param method              the HTTP method, for messages
     * @param pathAndQuery        the request path plus {@code ?query} exactly as received
     * @param authorizationHeader the {@code Authorization} header, if any
     */
    void authorize(String method, String pathAndQuery, Optional<String> authorizationHeader)
            throws AdminAuthException;

    /**
     * The authorizer for {@code [admin]}. In {@code AuthenticatedAuthorization} mode this loads every
     * identity provider's keys now, as the reference does at start-up.
     */
    static AdminAuthorizer create(AdminConfig config, KeySourceReader reader, Clock clock)
            throws AdminAuthInitializationException {
        return switch (config.authorizationMode()) {
            case INSECURE_ALLOW_ALL -> new InsecureAllowAll();
            case DENY_ALL -> new DenyAll();
            case AUTHENTICATED_AUTHORIZATION -> new AuthenticatedAuthorization(
                    BearerJwtAuthenticator.create(config.bearerJwt().orElseThrow(), reader, clock),
                    RegexAclAuthorizer.create(config.regexAcl().orElseThrow()));
        };
    }

    /** {@link #create(AdminConfig, KeySourceReader, Clock)} with the JDK's HTTPS trust store and clock. */
    static AdminAuthorizer create(AdminConfig config) throws AdminAuthInitializationException {
        return create(config, KeySourceReader.withDefaultHttpClient(), Clock.systemUTC());
    }
}
