package io.coco4j.bench.load;

import io.coco4j.guest.attester.Attester;
import io.coco4j.protocol.tee.Tee;
import io.coco4j.protocol.tee.snp.SnpProduct;
import io.coco4j.protocol.tee.snp.TcbVersion;
import io.coco4j.verifier.VerifierRegistry;
import io.coco4j.verifier.sample.SampleVerifier;
import io.coco4j.verifier.snp.SnpVerifier;
import io.coco4j.verifier.snp.SnpVerifierSettings;
import io.coco4j.verifier.snp.TestSnpPlatform;

import java.time.Clock;

/**
 * SNP guests on one generated Milan chip: every report is built for the given report data and signed
 * with the chip's VCEK, and carries VCEK, ASK and ARK in its certificate table as a real guest's
 * extended report does. The verifier is the production {@link SnpVerifier}, pinned to the generated ARK.
 */
final class SnpGuestTee implements GuestTee {

    private final TestSnpPlatform platform;
    private final TestSnpPlatform.Vcek vcek;

    private SnpGuestTee(TestSnpPlatform platform, TestSnpPlatform.Vcek vcek) {
        this.platform = platform;
        this.vcek = vcek;
    }

    static SnpGuestTee generate() throws Exception {
        TestSnpPlatform platform = TestSnpPlatform.generate(SnpProduct.MILAN);
        return new SnpGuestTee(platform, platform.vcek(TcbVersion.of(3, 0, 8, 115)));
    }

    @Override
    public String name() {
        return Tee.SNP.wireName();
    }

    @Override
    public Attester attester() {
        return new GeneratedChainAttester(Tee.SNP, reportData -> vcek.evidence(vcek.sign(vcek.report().reportData(reportData))));
    }

    @Override
    public VerifierRegistry verifiers() {
        SnpVerifier snp = SnpVerifier.create(SnpVerifierSettings.defaults().withArkPins(platform.pins()), Clock.systemUTC());
        return VerifierRegistry.builder(VerifierRegistry.Mode.DEVELOPMENT).add(new SampleVerifier()).add(snp).build();
    }
}
