package io.coco4j.kbs.admin;

import java.util.Optional;

/**
 * {@code authorization_mode = "AuthenticatedAuthorization"}: a bearer JWT from a configured identity
 * provider names a role, and the regex ACL decides which endpoints that role may call.
 */
public final class AuthenticatedAuthorization implements AdminAuthorizer {

    private final BearerJwtAuthenticator authenticator;
    private final RegexAclAuthorizer acl;

    public AuthenticatedAuthorization(BearerJwtAuthenticator authenticator, RegexAclAuthorizer acl) {
        this.authenticator = authenticator;
        this.acl = acl;
    }

    @Override
    public void authorize(String method, String pathAndQuery, Optional<String> authorizationHeader)
            throws AdminAuthException {
        AdminIdentity identity = authenticator.authenticate(authorizationHeader);
        acl.authorize(identity, method, pathAndQuery);
    }
}
