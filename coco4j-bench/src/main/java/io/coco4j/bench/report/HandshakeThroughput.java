package io.coco4j.bench.report;

/**
 * A measured end-to-end handshake rate (from the RCAR load generator), compared in the report with
 * the floor of its TEE.
 */
public interface HandshakeThroughput {

    /** The TEE of the handshakes: {@code sample}, {@code snp} or {@code tdx}. */
    String tee();

    /** Completed handshakes per second, over all clients. */
    double handshakesPerSecond();

    /** Concurrent clients; 0 when unknown (then all cores count as busy). */
    int concurrency();

    /** Where the figure comes from, for the report. */
    String source();
}
