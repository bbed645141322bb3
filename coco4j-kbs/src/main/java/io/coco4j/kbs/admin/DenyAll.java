package io.coco4j.kbs.admin;

import java.util.Optional;

/** {@code authorization_mode = "DenyAll"}: the admin API is switched off. */
public final class DenyAll implements AdminAuthorizer {

    @Override
    public void authorize(String method, String pathAndQuery, Optional<String> authorizationHeader)
            throws AdminAuthException {
        throw new AdminAuthException(AdminAuthFailure.ADMIN_API_DISABLED,
                "the admin API is disabled (authorization_mode = \"DenyAll\")");
    }
}
