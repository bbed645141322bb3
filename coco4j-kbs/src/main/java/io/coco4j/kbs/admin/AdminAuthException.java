package io.coco4j.kbs.admin;

/** An admin request that is not allowed. */
public final class AdminAuthException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The KBS error variant the HTTP layer reports (type suffix of the error body). */
    public static final String ERROR_TYPE = "AdminAuthAccess";

    private final AdminAuthFailure failure;

    public AdminAuthException(AdminAuthFailure failure, String message) {
        super(message);
        this.failure = failure;
    }

    public AdminAuthFailure failure() {
        return failure;
    }

    /** {@value #ERROR_TYPE}. */
    public String errorType() {
        return ERROR_TYPE;
    }
}
