package io.coco4j.rvps.intoto;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who may sign layouts: the trusted layout keys (from the RVPS configuration, or the operator's
 * command line; never from the registration itself) and how many of them must have signed.
 */
public record LayoutTrust(Map<String, InTotoKey> keys, int requiredSignatures) {

    public LayoutTrust {
        keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        if (requiredSignatures < 1) {
            throw new IllegalArgumentException("at least one layout signature must be required");
        }
        if (requiredSignatures > keys.size()) {
            throw new IllegalArgumentException(requiredSignatures + " layout signatures required but only " + keys.size()
                    + " trusted layout key(s) given");
        }
    }

    /** Any one of the keys suffices. */
    public static LayoutTrust anyOf(Collection<InTotoKey> keys) {
        return new LayoutTrust(index(keys), 1);
    }

    /** Every key must have signed, as {@code in-toto-verify --layout-keys} demands. */
    public static LayoutTrust allOf(Collection<InTotoKey> keys) {
        Map<String, InTotoKey> index = index(keys);
        return new LayoutTrust(index, index.size());
    }

    private static Map<String, InTotoKey> index(Collection<InTotoKey> keys) {
        Map<String, InTotoKey> index = new LinkedHashMap<>();
        for (InTotoKey key : keys) {
            index.put(key.keyId(), key);
        }
        return index;
    }
}
