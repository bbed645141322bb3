package io.coco4j.verifier.dcap;

import io.coco4j.protocol.tee.dcap.DcapQuote;

/**
 * A quote whose signatures are verified up to the pinned root: the quote by the attestation key,
 * the attestation key by the QE report, the QE report by the PCK certificate, and the PCK chain.
 * It says nothing yet about the platform's TCB; that needs collateral.
 */
public record VerifiedQuote(DcapQuote quote, PckChain pck) {
}
