package io.coco4j.kbs.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the client knows about each target: the last version the server acknowledged (answered 200
 * to), and the version in doubt, sent but unanswered when the server died. After a restart a
 * target must hold exactly the acknowledged version (nothing, if none was), or exactly the version
 * in doubt. Each target has one writer, so at most one version of it is ever in doubt.
 */
final class Ledger {

    private record Entry(Optional<Payload> acknowledged, Optional<Payload> inDoubt, long lastVersion) {
    }

    private final Map<Target, Entry> entries = new ConcurrentHashMap<>();

    Ledger(List<Target> targets) {
        targets.forEach(t -> entries.put(t, new Entry(Optional.empty(), Optional.empty(), 0)));
    }

    List<Target> targets() {
        return List.copyOf(entries.keySet());
    }

    /** A new version of {@code target}, in doubt until {@link #acknowledged}. */
    Payload send(Target target, byte[] body) {
        Entry entry = entries.get(target);
        Payload payload = Payload.of(target.name(), entry.lastVersion() + 1, body);
        entries.put(target, new Entry(entry.acknowledged(), Optional.of(payload), payload.version()));
        return payload;
    }

    void acknowledged(Target target, Payload payload) {
        Entry entry = entries.get(target);
        entries.put(target, new Entry(Optional.of(payload), Optional.empty(), entry.lastVersion()));
    }

    /** Why {@code stored} (empty: nothing stored) is not a state {@code target} may be in, if it is not. */
    Optional<String> problem(Target target, Optional<byte[]> stored) {
        Entry entry = entries.get(target);
        if (stored.isEmpty()) {
            return entry.acknowledged().map(a -> target + ": acknowledged version " + a.version() + " is lost, nothing is stored");
        }
        byte[] bytes = stored.get();
        if (entry.acknowledged().map(a -> a.matches(bytes)).orElse(false) || entry.inDoubt().map(d -> d.matches(bytes)).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(target + ": holds " + Payload.describe(bytes) + "; expected "
                + expectation(entry));
    }

    private static String expectation(Entry entry) {
        List<String> allowed = new ArrayList<>();
        allowed.add(entry.acknowledged().map(a -> "acknowledged version " + a.version()).orElse("nothing (none acknowledged)"));
        entry.inDoubt().ifPresent(d -> allowed.add("version " + d.version() + " in doubt"));
        return String.join(" or ", allowed);
    }

    /** After a check: a version in doubt that was found stored counts as acknowledged; one that was not, as never written. */
    void settle(Target target, Optional<byte[]> stored) {
        Entry entry = entries.get(target);
        Optional<Payload> found = entry.inDoubt().filter(d -> stored.map(d::matches).orElse(false));
        entries.put(target, new Entry(found.or(entry::acknowledged), Optional.empty(), entry.lastVersion()));
    }

    /** How many targets hold an acknowledged version. */
    long acknowledgedTargets() {
        return entries.values().stream().filter(e -> e.acknowledged().isPresent()).count();
    }
}
