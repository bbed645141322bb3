package io.coco4j.kbs.session;

import io.coco4j.protocol.tee.Tee;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An RCAR session: {@code Authed} after {@code /auth} (challenge issued), {@code Attested} after a
 * successful {@code /attest} (token stored). The expiry is fixed at {@code /auth} and never extended.
 */
public record Session(String id, Tee tee, String nonce, Instant expiresAt, Optional<String> token) {

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tee, "tee");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(token, "token");
    }

    public static Session authed(String id, Tee tee, String nonce, Instant expiresAt) {
        return new Session(id, tee, nonce, expiresAt, Optional.empty());
    }

    public boolean isAttested() {
        return token.isPresent();
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public Session attested(String attestationToken) {
        return new Session(id, tee, nonce, expiresAt, Optional.of(attestationToken));
    }

    @Override
    public String toString() {
        // the token is a bearer credential and the id is the cookie that reaches it: print neither
        return "Session[" + tee + ", " + (isAttested() ? "attested" : "authed") + ", expires " + expiresAt + "]";
    }
}
