package io.coco4j.verifier.dcap;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coco4j.fuzz.VectorSeeds;
import io.coco4j.verifier.VerificationException;

import java.io.IOException;
import java.io.InputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * Quote verification up to the collateral: certification data, the PCK chain and its SGX
 * extensions, the QE report and both signatures. Seeds are signed by the test PKI whose root is
 * committed beside them; vector quotes reach the same code under Intel's root.
 */
@VectorSeeds({"tdx/trustee/*.dat", "tdx/dcap-qvl/tdx_quote", "tdx/go-tdx-guest/quote_v5_sample.dat", "sgx/dcap-qvl/sgx_quote",
        "sgx/trustee/*.dat", "az-tdx-vtpm/td-quote.bin", "eventlog/go-tdx-guest/cos-113-tdx-quote.dat"})
public class QuoteVerificationFuzzTest {

    /** The test PKI root of the seed quotes, written by the seed-corpus builder. */
    public static final String TEST_ROOT = "dcap-test-root.der";
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private final QuoteSignatureVerifier testRoot = new QuoteSignatureVerifier(TrustedRootCa.pinned(testRoot()));
    private final QuoteSignatureVerifier intelRoot = new QuoteSignatureVerifier(TrustedRootCa.intel());

    @FuzzTest
    public void fuzz(byte[] input) {
        for (QuoteSignatureVerifier verifier : new QuoteSignatureVerifier[] {testRoot, intelRoot}) {
            try {
                verifier.verify(input, AT);
            } catch (VerificationException expected) {
                // refused as documented
            }
        }
    }

    private static X509Certificate testRoot() {
        try (InputStream in = QuoteVerificationFuzzTest.class.getResourceAsStream(TEST_ROOT)) {
            if (in == null) {
                throw new IllegalStateException(TEST_ROOT + " is missing: run the seed-corpus builder");
            }
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("cannot read " + TEST_ROOT, e);
        }
    }
}
