package io.coco4j.kbs.rcar;

import io.coco4j.kbs.api.KbsApiException;
import io.coco4j.protocol.error.KbsErrorType;

/**
 * A refused {@code /auth} or {@code /attest}: status 401 with type {@code AttestationError}, as the
 * reference answers and the guest's retry logic expects. Each cause is its own subclass.
 */
public abstract class RcarException extends KbsApiException {

    protected RcarException(String detail) {
        super(KbsErrorType.ATTESTATION_ERROR, detail);
    }

    protected RcarException(String detail, Throwable cause) {
        super(KbsErrorType.ATTESTATION_ERROR, detail, cause);
    }

    static String authFailed(String why) {
        return "Attestation error: RCAR handshake Auth failed: " + why;
    }

    static String attestFailed(String why) {
        return "Attestation error: RCAR handshake Attest failed: " + why;
    }

    /** The request's protocol version is not exactly 0.4.0. */
    public static final class ProtocolVersionMismatch extends RcarException {
        ProtocolVersionMismatch(String requested) {
            super(authFailed("KBS Client Protocol Version Mismatch: expect =0.4.0 while the request is " + requested));
        }
    }

    /** The TEE name is not one of the protocol's. */
    public static final class UnknownTee extends RcarException {
        UnknownTee(String tee) {
            super(authFailed("unknown TEE '" + tee + "'"));
        }
    }

    /** The TEE is known but this KBS does not verify it (the sample TEE outside demo mode). */
    public static final class TeeNotAccepted extends RcarException {
        TeeNotAccepted(String tee, String hint) {
            super(authFailed("TEE '" + tee + "' is not accepted by this KBS" + hint));
        }
    }

    /** The body is not a valid Request or Attestation message. */
    public static final class MalformedMessage extends RcarException {
        MalformedMessage(String detail) {
            super(detail);
        }
    }

    /** {@code /attest} without the {@code kbs-session-id} cookie. */
    public static final class MissingSession extends RcarException {
        MissingSession() {
            super(attestFailed("no kbs-session-id cookie: call /kbs/v0/auth first"));
        }
    }

    /** The cookie names no live session (never issued, or expired). */
    public static final class UnknownSession extends RcarException {
        UnknownSession() {
            super(attestFailed("the session is unknown or expired: call /kbs/v0/auth again"));
        }
    }

    /** The runtime data carries another nonce than the session's challenge. */
    public static final class NonceMismatch extends RcarException {
        NonceMismatch() {
            super(attestFailed("runtime-data nonce does not match this session's challenge"));
        }
    }

    /** The {@code tee-pubkey} cannot be encrypted to (off-curve, unknown type, refused algorithm). */
    public static final class TeeKeyRefused extends RcarException {
        TeeKeyRefused(String why) {
            super(attestFailed("tee-pubkey refused: " + why));
        }
    }

    /** The init-data is not TOML. */
    public static final class UnsupportedInitData extends RcarException {
        UnsupportedInitData(String format) {
            super(attestFailed("Unsupported initdata format '" + format + "' (only toml is accepted)"));
        }
    }

    /** The attestation service refused the evidence. */
    public static final class EvidenceRejected extends RcarException {
        EvidenceRejected(String why, Throwable cause) {
            super(attestFailed(why), cause);
        }
    }
}
