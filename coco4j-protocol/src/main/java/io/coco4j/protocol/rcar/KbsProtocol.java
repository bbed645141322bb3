package io.coco4j.protocol.rcar;

/** Constants of the KBS attestation protocol (RCAR: Request, Challenge, Attestation, Response). */
public final class KbsProtocol {

    /** The only protocol version the reference accepts ({@code =0.4.0}). */
    public static final String VERSION = "0.4.0";

    /** Name of the session cookie set by {@code /auth} and {@code /attest}. */
    public static final String SESSION_COOKIE = "kbs-session-id";

    /** URL prefix of every KBS endpoint. */
    public static final String API_PREFIX = "/kbs/v0/";

    private KbsProtocol() {
    }
}
