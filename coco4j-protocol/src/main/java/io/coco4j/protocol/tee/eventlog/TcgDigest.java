package io.coco4j.protocol.tee.eventlog;

/** One digest of an event ({@code TPMT_HA}). */
public record TcgDigest(TcgAlgorithm algorithm, byte[] digest) {

    public TcgDigest {
        digest = digest.clone();
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }
}
