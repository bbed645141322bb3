package io.coco4j.as;

import io.coco4j.protocol.rcar.InitData;

/**
 * The init-data a guest was booted with: the TOML document itself (its digest is computed with the
 * document's own algorithm and its {@code data} goes into the token as {@code init_data_claims}), only
 * a digest, or nothing.
 */
public sealed interface InitDataInput {

    InitDataInput NONE = new None();

    static InitDataInput toml(String body) {
        return new Toml(body);
    }

    static InitDataInput digest(byte[] digest) {
        return new Digest(digest);
    }

    /**
     * The input for the {@code init-data} member of an RCAR attestation: absent means none, and any
     * format but {@code toml} is refused, as every reference AS back-end does.
     */
    static InitDataInput fromAttestation(InitData initData) throws UnsupportedInitDataFormatException {
        if (initData == null) {
            return NONE;
        }
        if (!InitData.FORMAT_TOML.equals(initData.format())) {
            throw new UnsupportedInitDataFormatException("unsupported init-data format '" + initData.format() + "' (only toml is accepted)");
        }
        if (initData.body() == null) {
            throw new UnsupportedInitDataFormatException("init-data has no body");
        }
        return new Toml(initData.body());
    }

    /** The exact TOML text; every byte counts for the digest. */
    record Toml(String body) implements InitDataInput {
        public Toml {
            if (body == null) {
                throw new IllegalArgumentException("init-data TOML is required");
            }
        }
    }

    /** An init-data digest computed elsewhere. */
    record Digest(byte[] digest) implements InitDataInput {
        public Digest {
            if (digest == null) {
                throw new IllegalArgumentException("init-data digest is required");
            }
            digest = digest.clone();
        }

        @Override
        public byte[] digest() {
            return digest.clone();
        }
    }

    /** No init-data. */
    record None() implements InitDataInput {
    }
}
