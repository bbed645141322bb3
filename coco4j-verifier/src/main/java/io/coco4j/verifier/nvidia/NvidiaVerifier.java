package io.coco4j.verifier.nvidia;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.tee.Tee;
import io.coco4j.protocol.tee.TeeClass;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.RawEcdsaSignature;
import io.coco4j.verifier.VerificationException;
import io.coco4j.verifier.VerifiedClaims;
import io.coco4j.verifier.Verifier;

import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code nvidia} verifier in local mode: for each GPU of the evidence, the certificate chain to
 * the pinned NVIDIA Device Identity CA with the leaf's firmware id equal to the report's, the
 * ECDSA P-384/SHA-384 signature of the leaf over the SPDM request and response, and the request
 * nonce equal to the report data (regularised to 32 bytes). One {@code gpu} claim set per device.
 */
public final class NvidiaVerifier implements Verifier {

    /** SHA-256 of the DER NVIDIA Device Identity CA (self-signed, valid 2021-11-05 to 9999-12-31). */
    public static final String NVIDIA_DEVICE_IDENTITY_CA_SHA256 = "102bf659d5419614c9d8e6aecebc80454eb26b1df6a769ac720b9a690b167b48";
    private static final int NONCE_LENGTH = 32;

    private final Set<String> trustedRoots;
    private final Clock clock;

    private NvidiaVerifier(Set<String> trustedRoots, Clock clock) {
        this.trustedRoots = Set.copyOf(trustedRoots);
        this.clock = clock;
    }

    /** Trusting NVIDIA's root only. */
    public static NvidiaVerifier create(Clock clock) {
        return new NvidiaVerifier(Set.of(NVIDIA_DEVICE_IDENTITY_CA_SHA256), clock);
    }

    /** Trusting the given roots (SHA-256 fingerprints, hex) instead: for tests with a generated device chain. */
    public static NvidiaVerifier trusting(Set<String> rootFingerprints, Clock clock) {
        return new NvidiaVerifier(rootFingerprints, clock);
    }

    @Override
    public Tee tee() {
        return Tee.NVIDIA;
    }

    @Override
    public List<VerifiedClaims> evaluate(JsonNode evidence, Expectation expectation) throws VerificationException {
        List<VerifiedClaims> out = new ArrayList<>();
        for (GpuEvidence device : GpuEvidence.parseList(evidence)) {
            out.add(new VerifiedClaims(verify(device, expectation), TeeClass.GPU));
        }
        return out;
    }

    private com.fasterxml.jackson.databind.node.ObjectNode verify(GpuEvidence device, Expectation expectation) throws VerificationException {
        SpdmMeasurementReport report = SpdmMeasurementReport.parse(device.report());
        byte[] reportFwid = report.opaqueFields().get(GpuClaims.FWID);
        if (reportFwid == null) {
            throw new SpdmFormatException("GPU attestation report carries no FWID opaque field");
        }
        GpuCertificateChain chain = GpuCertificateChain.parsePem(device.certificateChainPem());
        chain.verify(reportFwid, trustedRoots, clock.instant());
        if (!RawEcdsaSignature.verify("SHA384withECDSA", chain.signingCertificate().getPublicKey(), report.raw(),
                report.signedLength(), report.signature())) {
            throw new SpdmSignatureException("GPU " + device.uuid() + ": the measurement report signature does not verify with the signing certificate");
        }
        if (expectation.reportData().isPresent()
                && !MessageDigest.isEqual(report.requestNonce(), Expectation.regularize(expectation.reportData().get(), NONCE_LENGTH))) {
            throw new SpdmNonceMismatchException("GPU " + device.uuid() + ": the SPDM request nonce is not the expected report data");
        }
        return GpuClaims.of(device, report);
    }
}
