package io.coco4j.bench.load;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.guest.attester.Attester;
import io.coco4j.protocol.tee.Tee;
import io.coco4j.protocol.tee.dcap.TdReport;
import io.coco4j.verifier.dcap.testing.TestDcapPki;
import io.coco4j.verifier.dcap.testing.TestPlatform;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * TDX guests on one platform of a generated DCAP hierarchy: every TD quote is signed by the
 * platform's quoting enclave over a TD report carrying the given report data, with the PCK chain in
 * the quote. Signed TCB info and QE identity are written to a collateral directory; the KBS verifies
 * the quotes with the production TDX verifier, pinned to the generated root.
 */
final class TdxGuestTee implements GuestTee {

    private static final byte[] FMSPC = HexFormat.of().parseHex("00906ed50000");
    private static final int[] SGX_COMPONENTS = {3, 3, 2, 2, 3, 1, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[][] ZERO_RTMRS = {new byte[48], new byte[48], new byte[48], new byte[48]};

    private final TestDcapPki pki;
    private final TestPlatform platform;
    private final Path collateral;

    private TdxGuestTee(TestDcapPki pki, TestPlatform platform, Path collateral) {
        this.pki = pki;
        this.platform = platform;
        this.collateral = collateral;
    }

    /** A new hierarchy, valid for a month around now, with its collateral in {@code collateral}. */
    static TdxGuestTee generate(Path collateral) throws IOException {
        Instant now = Instant.now();
        TestDcapPki pki = TestDcapPki.generate(now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(30)));
        TestPlatform platform = pki.platform(FMSPC, SGX_COMPONENTS, 11);
        pki.writeTdxCollateral(collateral, platform, "UpToDate", List.of(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(29)));
        return new TdxGuestTee(pki, platform, collateral);
    }

    @Override
    public String name() {
        return Tee.TDX.wireName();
    }

    @Override
    public Attester attester() {
        return new GeneratedChainAttester(Tee.TDX, reportData -> {
            byte[] quote = platform.tdxQuote(TestPlatform.tdReport(reportData, new byte[48], ZERO_RTMRS, TdReport.ATTRIBUTE_SEPT_VE_DISABLE));
            ObjectNode evidence = JsonNodeFactory.instance.objectNode();
            evidence.putNull("cc_eventlog");
            evidence.put("quote", Base64.getEncoder().encodeToString(quote));
            return evidence;
        });
    }

    @Override
    public BenchTrust trust() {
        return BenchTrust.tdx(pki.trustedRoot().fingerprintHex(), collateral);
    }
}
