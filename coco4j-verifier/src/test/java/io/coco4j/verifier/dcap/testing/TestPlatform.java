package io.coco4j.verifier.dcap.testing;

import io.coco4j.protocol.tee.dcap.CertificationData;
import io.coco4j.protocol.tee.dcap.DcapQuote;
import io.coco4j.protocol.tee.dcap.EnclaveReport;
import io.coco4j.protocol.tee.dcap.QeReportCertificationData;
import io.coco4j.protocol.tee.dcap.QuoteHeader;
import io.coco4j.protocol.tee.dcap.QuoteSignatureData;
import io.coco4j.protocol.tee.dcap.ReportBody;
import io.coco4j.protocol.tee.dcap.TdReport;
import io.coco4j.protocol.tee.dcap.TeeType;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * A simulated Intel platform of a {@link TestDcapPki}: its PCK certificate and key, and a Quoting
 * Enclave that certifies a fresh attestation key and signs TD quotes with it, as the real QE does.
 */
public final class TestPlatform {

    /** MRSIGNER of the test QE (the TD_QE identity written by {@link TestDcapPki} names it). */
    public static final byte[] QE_MRSIGNER = HexFormat.of().parseHex("dc9e2a7c6f948f17474e34a7fc43ed030f7c1563f1babddf6340c82e0e54a8c5");
    /** TEE_TCB_SVN of test quotes: module SVN 3, TDX module version 1 (TDX_01), then the TDX components. */
    public static final int[] TDX_COMPONENTS = {0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] TEE_TCB_SVN = {3, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] QE_VENDOR_ID = HexFormat.of().parseHex("939a7233f79c4ca9940a0db3957f0607");

    private final TestDcapPki pki;
    private final X509Certificate pck;
    private final KeyPair pckKey;
    private final KeyPair attestationKey;
    private final byte[] fmspc;
    private final int[] components;
    private final int pceSvn;

    TestPlatform(TestDcapPki pki, X509Certificate pck, KeyPair pckKey, byte[] fmspc, int[] components, int pceSvn)
            throws GeneralSecurityException {
        this.pki = pki;
        this.pck = pck;
        this.pckKey = pckKey;
        this.attestationKey = TestDcapPki.p256();
        this.fmspc = fmspc.clone();
        this.components = components.clone();
        this.pceSvn = pceSvn;
    }

    public X509Certificate pckCertificate() {
        return pck;
    }

    public BigInteger pckSerial() {
        return pck.getSerialNumber();
    }

    public byte[] fmspc() {
        return fmspc.clone();
    }

    public int[] components() {
        return components.clone();
    }

    public int pceSvn() {
        return pceSvn;
    }

    /** A TD report body with the given fields, the test module's TEE_TCB_SVN and zero elsewhere. */
    public static TdReport tdReport(byte[] reportData, byte[] mrConfigId, byte[][] rtmrs, long tdAttributes) {
        Map<TdReport.Field, byte[]> fields = new EnumMap<>(TdReport.Field.class);
        fields.put(TdReport.Field.TEE_TCB_SVN, TEE_TCB_SVN.clone());
        fields.put(TdReport.Field.REPORT_DATA, reportData);
        fields.put(TdReport.Field.MR_CONFIG_ID, mrConfigId);
        fields.put(TdReport.Field.TD_ATTRIBUTES, littleEndian64(tdAttributes));
        byte[] mrTd = new byte[48];
        Arrays.fill(mrTd, (byte) 0x5A);
        fields.put(TdReport.Field.MR_TD, mrTd);
        TdReport.Field[] registers = {TdReport.Field.RTMR_0, TdReport.Field.RTMR_1, TdReport.Field.RTMR_2, TdReport.Field.RTMR_3};
        for (int i = 0; i < 4; i++) {
            fields.put(registers[i], rtmrs[i]);
        }
        return TdReport.create(false, fields);
    }

    /** An SGX enclave report body with the given report data and ATTRIBUTES.FLAGS, MRENCLAVE 0x5A…, zero elsewhere. */
    public static EnclaveReport enclaveReport(byte[] reportData, long attributesFlags) {
        Map<EnclaveReport.Field, byte[]> fields = new EnumMap<>(EnclaveReport.Field.class);
        fields.put(EnclaveReport.Field.ATTRIBUTES_FLAGS, littleEndian64(attributesFlags));
        byte[] mrEnclave = new byte[32];
        Arrays.fill(mrEnclave, (byte) 0x5A);
        fields.put(EnclaveReport.Field.MR_ENCLAVE, mrEnclave);
        fields.put(EnclaveReport.Field.REPORT_DATA, reportData);
        return EnclaveReport.create(fields);
    }

    private static byte[] littleEndian64(long value) {
        byte[] out = new byte[8];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (value >>> (8 * i));
        }
        return out;
    }

    /** An SGX quote v3 over {@code body}, signed as the platform's QE would. */
    public byte[] sgxQuote(EnclaveReport body) {
        return quote(QuoteHeader.create(3, TeeType.SGX, new byte[4], QE_VENDOR_ID, new byte[20]), body);
    }

    /** A TDX quote v4 over {@code body}, signed as the platform's QE would. */
    public byte[] tdxQuote(TdReport body) {
        QuoteHeader header = QuoteHeader.create(4, TeeType.TDX, new byte[4], QE_VENDOR_ID, new byte[20]);
        return quote(header, body);
    }

    private byte[] quote(QuoteHeader header, ReportBody body) {
        try {
            byte[] key = rawKey((ECPublicKey) attestationKey.getPublic());
            byte[] authData = new byte[32];
            for (int i = 0; i < 32; i++) {
                authData[i] = (byte) i;
            }
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(key);
            sha256.update(authData);
            Map<EnclaveReport.Field, byte[]> qe = new EnumMap<>(EnclaveReport.Field.class);
            qe.put(EnclaveReport.Field.ATTRIBUTES_FLAGS, HexFormat.of().parseHex("1100000000000000"));
            qe.put(EnclaveReport.Field.MR_SIGNER, QE_MRSIGNER.clone());
            qe.put(EnclaveReport.Field.ISV_PROD_ID, new byte[]{2, 0});
            qe.put(EnclaveReport.Field.ISV_SVN, new byte[]{4, 0});
            qe.put(EnclaveReport.Field.REPORT_DATA, Arrays.copyOf(sha256.digest(), 64));
            EnclaveReport qeReport = EnclaveReport.create(qe);
            byte[] qeSignature = TestDcapPki.signRaw(pckKey.getPrivate(), qeReport.bytes());
            QeReportCertificationData certification = new QeReportCertificationData(qeReport, qeSignature, authData,
                    CertificationData.pckCertificateChain(TestDcapPki.pem(pck, pki.platformCa, pki.root)));
            byte[] quoteSignature = TestDcapPki.signRaw(attestationKey.getPrivate(), DcapQuote.signedBytes(header, body));
            return DcapQuote.create(header, body, new QuoteSignatureData(quoteSignature, key, certification)).encode();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] rawKey(ECPublicKey key) {
        byte[] out = new byte[64];
        TestDcapPki.copy(key.getW().getAffineX(), out, 0);
        TestDcapPki.copy(key.getW().getAffineY(), out, 32);
        return out;
    }
}
