package io.coco4j.kbs.admin;

import java.util.Optional;

/**
 * {@code authorization_mode = "InsecureAllowAll"}: every admin request is allowed. For development,
 * or behind a gateway that authenticates and authorizes on the KBS's behalf.
 */
public final class InsecureAllowAll implements AdminAuthorizer {

    @Override
    public void authorize(String method, String pathAndQuery, Optional<String> authorizationHeader) {
        // Allowed by configuration.
    }
}
