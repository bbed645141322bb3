package io.coco4j.kbs.crash;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Something the admin API writes: a resource, the resource policy, an attestation policy, or a
 * group of reference values that one message registers together (all or none).
 */
record Target(Kind kind, String name) {

    enum Kind { RESOURCE, RESOURCE_POLICY, ATTESTATION_POLICY, REFERENCE_VALUES }

    static final Target RESOURCE_POLICY = new Target(Kind.RESOURCE_POLICY, "resource-policy");

    /** A resource at {@code repository/type/tag}. */
    static Target resource(String path) {
        return new Target(Kind.RESOURCE, path);
    }

    static Target attestationPolicy(String id) {
        return new Target(Kind.ATTESTATION_POLICY, id);
    }

    /** Reference values {@code <group>-a}, {@code -b}, {@code -c}, registered by one message with one value. */
    static Target referenceValues(String group) {
        return new Target(Kind.REFERENCE_VALUES, group);
    }

    /** The names a reference-value group registers. */
    List<String> referenceValueNames() {
        return List.of(name + "-a", name + "-b", name + "-c");
    }

    /**
     * The body of a new version, of a form this kind of target accepts: any bytes for a resource
     * (now and then large, so a write takes long enough to be cut), Rego for a policy, text for a
     * reference value.
     */
    byte[] body(SplittableRandom random) {
        return switch (kind) {
            case RESOURCE -> {
                int size = random.nextInt(4) == 0 ? random.nextInt(64 << 10, 768 << 10) : random.nextInt(0, 4 << 10);
                byte[] bytes = new byte[size];
                random.nextBytes(bytes);
                yield bytes;
            }
            case RESOURCE_POLICY, ATTESTATION_POLICY -> {
                StringBuilder rego = new StringBuilder("package policy\n\ndefault allow := true\n");
                for (String line : filler(random, random.nextInt(0, 8 << 10)).split("(?<=\\G.{76})")) {
                    rego.append("# ").append(line).append('\n');
                }
                yield rego.toString().getBytes(StandardCharsets.UTF_8);
            }
            case REFERENCE_VALUES -> filler(random, random.nextInt(0, 4 << 10)).getBytes(StandardCharsets.US_ASCII);
        };
    }

    private static String filler(SplittableRandom random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " " + name;
    }
}
