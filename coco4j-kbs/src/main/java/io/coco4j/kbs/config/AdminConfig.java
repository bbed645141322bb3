package io.coco4j.kbs.config;

import java.util.List;
import java.util.Optional;

/**
 * {@code [admin]}: who may call the admin API. {@code authorization_mode} is mandatory.
 *
 * @param authorizationMode {@code authorization_mode}
 * @param bearerJwt         {@code [admin.authentication.bearer_jwt]}, present exactly in
 *                          {@code AuthenticatedAuthorization} mode
 * @param regexAcl          {@code [admin.authorization.regex_acl]}, present exactly in
 *                          {@code AuthenticatedAuthorization} mode
 */
public record AdminConfig(AuthorizationMode authorizationMode, Optional<BearerJwt> bearerJwt,
                          Optional<RegexAcl> regexAcl) {

    public AdminConfig {
        boolean authenticated = authorizationMode == AuthorizationMode.AUTHENTICATED_AUTHORIZATION;
        if (authenticated != bearerJwt.isPresent() || authenticated != regexAcl.isPresent()) {
            throw new IllegalArgumentException(
                    "bearer_jwt and regex_acl are set exactly in AuthenticatedAuthorization mode");
        }
    }

    public static AdminConfig insecureAllowAll() {
        return new AdminConfig(AuthorizationMode.INSECURE_ALLOW_ALL, Optional.empty(), Optional.empty());
    }

    public static AdminConfig denyAll() {
        return new AdminConfig(AuthorizationMode.DENY_ALL, Optional.empty(), Optional.empty());
    }

    public static AdminConfig authenticated(BearerJwt bearerJwt, RegexAcl regexAcl) {
        return new AdminConfig(AuthorizationMode.AUTHENTICATED_AUTHORIZATION, Optional.of(bearerJwt),
                Optional.of(regexAcl));
    }

    /** The three admin modes of the reference. */
    public enum AuthorizationMode {
        INSECURE_ALLOW_ALL("InsecureAllowAll"),
        DENY_ALL("DenyAll"),
        AUTHENTICATED_AUTHORIZATION("AuthenticatedAuthorization");

        private final String configName;

        AuthorizationMode(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }

        public static Optional<AuthorizationMode> parse(String text) {
            for (AuthorizationMode mode : values()) {
                if (mode.configName.equals(text)) {
                    return Optional.of(mode);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * {@code [admin.authentication.bearer_jwt]}.
     *
     * @param identityProviders         {@code identity_providers}, tried in order; at least one
     * @param insecurePublicKeyFromUri  {@code insecure_public_key_from_uri}: allow {@code http://} key sources
     * @param insecureHeaderJwk         {@code insecure_header_jwk}: trust a key embedded in the token header
     */
    public record BearerJwt(List<IdentityProvider> identityProviders, boolean insecurePublicKeyFromUri,
                            boolean insecureHeaderJwk) {
        public BearerJwt {
            identityProviders = List.copyOf(identityProviders);
        }
    }

    /**
     * One trusted token issuer. At least one of the key sources is present.
     *
     * @param issuer       expected {@code iss}; empty skips the check
     * @param audience     a value {@code aud} must contain; empty skips the check
     * @param publicKeyUri PEM public key: {@code https://}, {@code file://} or a path
     * @param jwkSetUri    JWK set: {@code https://}, {@code file://} or a path
     */
    public record IdentityProvider(Optional<String> issuer, Optional<String> audience,
                                   Optional<String> publicKeyUri, Optional<String> jwkSetUri) {
        public IdentityProvider {
            if (publicKeyUri.isEmpty() && jwkSetUri.isEmpty()) {
                throw new IllegalArgumentException("an identity provider needs public_key_uri or jwk_set_uri");
            }
        }
    }

    /** {@code [admin.authorization.regex_acl]}: the role-to-endpoint rules. */
    public record RegexAcl(List<AclRule> acls) {
        public RegexAcl {
            acls = List.copyOf(acls);
        }
    }

    /**
     * One ACL rule.
     *
     * @param role             the token's {@code role} claim this rule applies to
     * @param allowedEndpoints a regular expression starting {@code ^/kbs} and ending {@code $}, matched
     *                         against the request path plus {@code ?query}
     */
    public record AclRule(String role, String allowedEndpoints) {
    }
}
