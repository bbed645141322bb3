package io.coco4j.kbs.session;

import java.util.Optional;

/**
 * What {@link SessionStore#admit} did with a new session under the session limit.
 *
 * @param stored  whether the new session was stored (false: the store is full of attested sessions)
 * @param evicted the id of the session that was not yet attested and was dropped to make room, if any
 */
public record Admission(boolean stored, Optional<String> evicted) {

    public static Admission admitted() {
        return new Admission(true, Optional.empty());
    }

    public static Admission evicting(String id) {
        return new Admission(true, Optional.of(id));
    }

    public static Admission full() {
        return new Admission(false, Optional.empty());
    }
}
