package io.coco4j.protocol.tee.dcap;

/** The attested report inside a quote: an SGX enclave report or a TD report. */
public sealed interface ReportBody permits EnclaveReport, TdReport {

    /** The 64-byte REPORTDATA chosen by the attested software. */
    byte[] reportData();

    /** The report's bytes as they appear in the quote. */
    byte[] bytes();

    /** The v5 body type: 1 SGX enclave, 2 TD report of TDX 1.0, 3 TD report of TDX 1.5. */
    int bodyType();
}
