package io.coco4j.kbs.admin;

/** Why an admin request was refused. Each has its own message; none repeats the token. */
public enum AdminAuthFailure {
    /** {@code authorization_mode = "DenyAll"}. */
    ADMIN_API_DISABLED,
    /** No {@code Authorization: Bearer} token on the request. */
    MISSING_TOKEN,
    /** Not a well-formed JWT, or a required claim such as {@code exp} is absent or mistyped. */
    MALFORMED_TOKEN,
    /** A refused algorithm, an unknown key, or a signature no configured identity provider key verifies. */
    BAD_SIGNATURE,
    /** {@code exp} lies more than the 60 s leeway in the past. */
    EXPIRED,
    /** {@code iss} differs from the identity provider's {@code issuer}. */
    WRONG_ISSUER,
    /** {@code aud} does not contain the identity provider's {@code audience}. */
    WRONG_AUDIENCE,
    /** The verified token has no string {@code role} claim. */
    MISSING_ROLE,
    /** No ACL rule for the token's role matches the requested endpoint. */
    ROLE_NOT_ALLOWED
}
