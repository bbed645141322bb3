package io.coco4j.kbs.admin;

/** The {@code [admin]} settings cannot be put to work: a key source that cannot be loaded, a bad ACL expression. */
public final class AdminAuthInitializationException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The KBS error variant for admin set-up failures. */
    public static final String ERROR_TYPE = "AdminAuthInitialization";

    public AdminAuthInitializationException(String message) {
        super(message);
    }

    public AdminAuthInitializationException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@value #ERROR_TYPE}. */
    public String errorType() {
        return ERROR_TYPE;
    }
}
