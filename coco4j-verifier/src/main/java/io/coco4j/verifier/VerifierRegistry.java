package io.coco4j.verifier;

import io.coco4j.protocol.tee.Tee;
import io.coco4j.verifier.sample.SampleDeviceVerifier;
import io.coco4j.verifier.sample.SampleVerifier;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The verifier for each TEE the service accepts. The mode decides what may be registered: in
 * {@link Mode#PRODUCTION} the sample TEEs, which prove nothing about a guest, are refused outright;
 * in {@link Mode#DEVELOPMENT} they are present. Verifiers that trust a vendor root pin it
 * themselves; anything that widens trust (sample TEEs, extra roots) belongs to development mode only.
 */
public final class VerifierRegistry {

    /** Whether the registry serves real deployments or tests and demos. */
    public enum Mode {
        /** Only verifiers that check evidence up to a pinned vendor root. */
        PRODUCTION,
        /** Additionally the sample TEEs ({@code sample}, {@code sampledevice}). */
        DEVELOPMENT
    }

    private static final Set<Tee> SAMPLE_TEES = EnumSet.of(Tee.SAMPLE, Tee.SAMPLE_DEVICE);

    private final Mode mode;
    private final Map<Tee, Verifier> verifiers;

    private VerifierRegistry(Mode mode, Map<Tee, Verifier> verifiers) {
        this.mode = mode;
        this.verifiers = Collections.unmodifiableMap(new EnumMap<>(verifiers));
    }

    /** Every built-in verifier the mode allows: the sample TEEs only in development mode. */
    public static VerifierRegistry create(Mode mode) {
        Builder builder = builder(mode);
        if (mode == Mode.DEVELOPMENT) {
            builder.add(new SampleVerifier()).add(new SampleDeviceVerifier());
        }
        return builder.build();
    }

    /** An empty registry of the given mode, to be filled with {@link Builder#add}. */
    public static Builder builder(Mode mode) {
        return new Builder(mode);
    }

    public Mode mode() {
        return mode;
    }

    /** The TEEs that have a verifier here. */
    public Set<Tee> tees() {
        return verifiers.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(verifiers.keySet()));
    }

    public boolean supports(Tee tee) {
        return verifiers.containsKey(tee);
    }

    /** The verifier for {@code tee}; a TEE without one is refused with a message saying why. */
    public Verifier verifier(Tee tee) throws UnsupportedTeeException {
        Verifier verifier = verifiers.get(tee);
        if (verifier != null) {
            return verifier;
        }
        if (SAMPLE_TEES.contains(tee) && mode == Mode.PRODUCTION) {
            throw new UnsupportedTeeException("TEE '" + tee.wireName()
                    + "' is refused in production mode: the sample TEEs carry no hardware evidence and are allowed in development mode only");
        }
        throw new UnsupportedTeeException("no verifier for TEE '" + tee.wireName() + "' is available");
    }

    /** Collects verifiers; refuses what the mode does not allow. */
    public static final class Builder {
        private final Mode mode;
        private final Map<Tee, Verifier> verifiers = new EnumMap<>(Tee.class);

        private Builder(Mode mode) {
            if (mode == null) {
                throw new IllegalArgumentException("mode is required");
            }
            this.mode = mode;
        }

        /**
         * Adds a verifier for its TEE.
         *
         * @throws IllegalStateException for a sample TEE in production mode, or a second verifier for one TEE
         */
        public Builder add(Verifier verifier) {
            Tee tee = verifier.tee();
            if (SAMPLE_TEES.contains(tee) && mode == Mode.PRODUCTION) {
                throw new IllegalStateException("the " + tee.wireName() + " verifier is refused in production mode");
            }
            if (verifiers.putIfAbsent(tee, verifier) != null) {
                throw new IllegalStateException("a verifier for TEE '" + tee.wireName() + "' is already registered");
            }
            return this;
        }

        public VerifierRegistry build() {
            return new VerifierRegistry(mode, verifiers);
        }
    }
}
