package io.coco4j.guest.testing;

import io.coco4j.guest.attester.snp.SnpCertTable;
import io.coco4j.guest.attester.tsm.ConfigFsTsm;
import io.coco4j.protocol.tee.dcap.TdReport;
import io.coco4j.protocol.tee.snp.SnpCertEntry;
import io.coco4j.protocol.tee.snp.SnpCertType;
import io.coco4j.verifier.dcap.testing.TestPlatform;
import io.coco4j.verifier.snp.TestSnpPlatform;

import java.security.cert.CertificateEncodingException;
import java.util.Arrays;
import java.util.List;

/**
 * Guest kernels for test TEEs: a {@link FakeSysfs} whose configfs-tsm reports are signed by a test
 * vendor chain (the verifier test kits), so attesters run unchanged and their evidence verifies
 * with the real verifiers trusting that chain.
 */
public final class TestTeeKernels {

    private TestTeeKernels() {
    }

    /** An SNP guest: reports signed by {@code vcek}, with {@code hostData}, the certificate table in {@code auxblob}. */
    public static FakeSysfs snp(TestSnpPlatform platform, TestSnpPlatform.Vcek vcek, byte[] hostData) {
        byte[] table;
        try {
            table = SnpCertTable.encode(List.of(
                    new SnpCertEntry(SnpCertType.VCEK, vcek.certificate().getEncoded()),
                    new SnpCertEntry(SnpCertType.ASK, platform.ask().getEncoded()),
                    new SnpCertEntry(SnpCertType.ARK, platform.ark().getEncoded())));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        return FakeSysfs.create()
                .directory("sys/devices/platform/sev-guest")
                .tsm(ConfigFsTsm.PROVIDER_SNP, new FakeSysfs.ReportGenerator() {
                    @Override
                    public byte[] outblob(byte[] inblob) {
                        try {
                            return vcek.sign(vcek.report().reportData(Arrays.copyOf(inblob, 64)).hostData(hostData)).toBytes();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }

                    @Override
                    public byte[] auxblob(byte[] inblob) {
                        return table.clone();
                    }
                });
    }

    /** A TD: quotes from {@code platform}'s QE over a TD report with {@code mrConfigId} and zero RTMRs. */
    public static FakeSysfs tdx(TestPlatform platform, byte[] mrConfigId) {
        byte[][] rtmrs = {new byte[48], new byte[48], new byte[48], new byte[48]};
        return FakeSysfs.create().tsm(ConfigFsTsm.PROVIDER_TDX, inblob -> platform.tdxQuote(
                TestPlatform.tdReport(Arrays.copyOf(inblob, 64), mrConfigId, rtmrs, TdReport.ATTRIBUTE_SEPT_VE_DISABLE)));
    }
}
