package io.coco4j.verifier.attacks;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.verifier.dcap.CollateralDirectory;
import io.coco4j.verifier.dcap.DcapQuoteVerifier;
import io.coco4j.verifier.dcap.TcbStatus;
import io.coco4j.verifier.dcap.TrustedRootCa;
import io.coco4j.verifier.dcap.testing.TestDcapPki;
import io.coco4j.verifier.dcap.testing.TestPlatform;
import io.coco4j.verifier.tdx.TdxEvidence;
import io.coco4j.verifier.tdx.TdxVerifier;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A generated DCAP hierarchy, one platform, its collateral directory, and TDX verifiers at a fixed time. */
final class TdxFixture {

    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    static final byte[] FMSPC = HexFormat.of().parseHex("00906ed50000");
    static final int[] COMPONENTS = {3, 3, 2, 2, 3, 1, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0};

    final TestDcapPki pki;
    final TestPlatform platform;
    final Path collateral;

    TdxFixture(Path collateral) {
        this.pki = TestDcapPki.generate(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(365)));
        this.platform = pki.platform(FMSPC, COMPONENTS, 11);
        this.collateral = collateral;
    }

    TdxFixture withCollateral(String status, List<String> advisories, BigInteger... revoked) throws Exception {
        pki.writeTdxCollateral(collateral, platform, status, advisories, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(29)), revoked);
        return this;
    }

    TdxVerifier verifier(TrustedRootCa root, Set<TcbStatus> accepted, Instant at) {
        return new TdxVerifier(new DcapQuoteVerifier(root, new CollateralDirectory(collateral), accepted, Duration.ofMinutes(10),
                Clock.fixed(at, ZoneOffset.UTC)));
    }

    TdxVerifier verifier() {
        return verifier(pki.trustedRoot(), TcbStatus.referenceAccepted(), NOW);
    }

    JsonNode evidence(long tdAttributes) {
        byte[][] rtmrs = {new byte[48], new byte[48], new byte[48], new byte[48]};
        return TdxEvidence.toJson(platform.tdxQuote(TestPlatform.tdReport(new byte[64], new byte[48], rtmrs, tdAttributes)), Optional.empty());
    }

    JsonNode evidence() {
        return evidence(1L << 28);
    }
}
