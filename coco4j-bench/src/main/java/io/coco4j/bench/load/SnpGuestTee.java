package io.coco4j.bench.load;

import io.coco4j.guest.attester.Attester;
import io.coco4j.protocol.tee.Tee;
import io.coco4j.protocol.tee.snp.SnpProduct;
import io.coco4j.protocol.tee.snp.TcbVersion;
import io.coco4j.verifier.snp.TestSnpPlatform;


/**
 * SNP guests on one generated Milan chip: every report is built for the given report data and signed
 * with the chip's VCEK, and carries VCEK, ASK and ARK in its certificate table as a real guest's
 * extended report does. The KBS verifies them with the production SNP verifier, pinned to the generated ARK.
 */
final class SnpGuestTee implements GuestTee {

    /** The product of the generated chip, whose ARK {@link BenchTrust#snp} pins. */
    static final SnpProduct PRODUCT = SnpProduct.MILAN;

    private final TestSnpPlatform platform;
    private final TestSnpPlatform.Vcek vcek;

    private SnpGuestTee(TestSnpPlatform platform, TestSnpPlatform.Vcek vcek) {
        this.platform = platform;
        this.vcek = vcek;
    }

    static SnpGuestTee generate() throws Exception {
        TestSnpPlatform platform = TestSnpPlatform.generate(PRODUCT);
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
    public BenchTrust trust() {
        return BenchTrust.snp(platform.pins().fingerprint(PRODUCT).orElseThrow());
    }
}
