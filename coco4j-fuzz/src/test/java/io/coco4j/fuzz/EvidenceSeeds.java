package io.coco4j.fuzz;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.coco4j.guest.attester.snp.SnpCertTable;
import io.coco4j.guest.attester.snp.SnpCertTableFuzzTest;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.tee.dcap.DcapQuote;
import io.coco4j.protocol.tee.dcap.DcapQuoteFuzzTest;
import io.coco4j.protocol.tee.dcap.EnclaveReport;
import io.coco4j.protocol.tee.dcap.QuoteHeader;
import io.coco4j.protocol.tee.dcap.TeeType;
import io.coco4j.protocol.tee.snp.SnpCertEntry;
import io.coco4j.protocol.tee.snp.SnpCertType;
import io.coco4j.protocol.tee.snp.SnpEvidence;
import io.coco4j.protocol.tee.snp.SnpEvidenceFuzzTest;
import io.coco4j.protocol.tee.snp.SnpProduct;
import io.coco4j.protocol.tee.snp.SnpReport;
import io.coco4j.protocol.tee.snp.TcbVersion;
import io.coco4j.verifier.azure.HclReport;
import io.coco4j.verifier.azure.HclReportFuzzTest;
import io.coco4j.verifier.azure.HclVarData;
import io.coco4j.verifier.cca.CcaTokenFuzzTest;
import io.coco4j.verifier.dcap.QeIdentityFuzzTest;
import io.coco4j.verifier.dcap.QuoteCollateralFuzzTest;
import io.coco4j.verifier.dcap.QuoteVerificationFuzzTest;
import io.coco4j.verifier.dcap.TcbInfoFuzzTest;
import io.coco4j.verifier.dcap.testing.TestDcapPki;
import io.coco4j.verifier.dcap.testing.TestEventLogs;
import io.coco4j.verifier.dcap.testing.TestPlatform;
import io.coco4j.verifier.eventlog.CcelFuzzTest;
import io.coco4j.verifier.nvidia.SpdmReportFuzzTest;
import io.coco4j.verifier.snp.SnpReportFuzzTest;
import io.coco4j.verifier.snp.TestSnpPlatform;
import io.coco4j.verifier.tpm.TestTpm;
import io.coco4j.verifier.tpm.TpmStructuresFuzzTest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Seeds for the hardware evidence parsers, built by the test platforms that sign synthetic evidence. */
final class EvidenceSeeds {

    private static final Instant ISSUED = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant NEXT_UPDATE = Instant.parse("2030-01-01T00:00:00Z");

    private EvidenceSeeds() {
    }

    static void addTo(SeedCorpus seeds) throws Exception {
        snp(seeds);
        dcap(seeds);
        seeds.add(CcelFuzzTest.class, "sample-log", TestEventLogs.sample().encode());
        tpm(seeds);
        cca(seeds);
        seeds.add(SpdmReportFuzzTest.class, "two-blocks", spdm());
    }

    private static void snp(SeedCorpus seeds) throws Exception {
        TestSnpPlatform milan = TestSnpPlatform.generate(SnpProduct.MILAN);
        TestSnpPlatform.Vcek vcek = milan.vcek(TcbVersion.of(3, 0, 8, 115));
        SnpReport report = vcek.sign(vcek.report().reportData(new byte[64]));
        seeds.add(SnpReportFuzzTest.class, "milan-report", report.toBytes());
        seeds.add(SnpReportFuzzTest.class, "milan-report-hex", HexFormat.of().formatHex(report.toBytes()));
        TestSnpPlatform.Vcek turin = TestSnpPlatform.generate(SnpProduct.TURIN).vcek(TcbVersion.turin(1, 3, 0, 8, 115));
        seeds.add(SnpReportFuzzTest.class, "turin-report", turin.sign(turin.report()).toBytes());
        seeds.add(SnpEvidenceFuzzTest.class, "milan-evidence", Json.writeBytes(vcek.evidence(report)));
        seeds.add(SnpEvidenceFuzzTest.class, "without-certificates", Json.writeBytes(new SnpEvidence(report, Optional.empty()).toJson()));
        byte[] table = SnpCertTable.encode(List.of(
                new SnpCertEntry(SnpCertType.VCEK, vcek.certificate().getEncoded()),
                new SnpCertEntry(SnpCertType.ASK, milan.ask().getEncoded()),
                new SnpCertEntry(SnpCertType.ARK, milan.ark().getEncoded())));
        seeds.add(SnpCertTableFuzzTest.class, "vcek-ask-ark", table);
        seeds.add(HclReportFuzzTest.class, "snp-with-keys", hclReport(report.toBytes()));
    }

    private static void dcap(SeedCorpus seeds) throws Exception {
        TestDcapPki pki = TestDcapPki.generate(ISSUED, NEXT_UPDATE);
        TestPlatform platform = pki.platform(HexFormat.of().parseHex("00906ed50000"), new int[16], 11);
        byte[][] rtmrs = new byte[4][48];
        byte[] tdx = platform.tdxQuote(TestPlatform.tdReport(new byte[64], new byte[48], rtmrs, 0));
        byte[] sgx = sgxShaped(tdx);
        for (Class<?> target : List.of(DcapQuoteFuzzTest.class, QuoteVerificationFuzzTest.class)) {
            seeds.add(target, "tdx-v4", tdx);
            seeds.add(target, "sgx-v3", sgx);
        }
        seeds.resource(QuoteVerificationFuzzTest.class, QuoteVerificationFuzzTest.TEST_ROOT, pki.root.getEncoded());
        var tcbInfo = pki.tdxTcbInfo(platform.fmspc(), platform.components(), platform.pceSvn(), TestPlatform.TDX_COMPONENTS,
                "UpToDate", List.of("INTEL-SA-00001"), ISSUED, NEXT_UPDATE);
        var qeIdentity = pki.tdQeIdentity(ISSUED, NEXT_UPDATE);
        seeds.add(TcbInfoFuzzTest.class, "tdx-v3", pki.signedResponse("tcbInfo", tcbInfo));
        seeds.add(QeIdentityFuzzTest.class, "td-qe", pki.signedResponse("enclaveIdentity", qeIdentity));
        var bundle = Json.mapper().createObjectNode();
        String chain = TestDcapPki.pem(pki.tcbSigning, pki.root);
        bundle.put("tcb_info", Json.write(tcbInfo));
        bundle.put("tcb_info_signature", HexFormat.of().formatHex(new byte[64]));
        bundle.put("tcb_info_issuer_chain", chain);
        bundle.put("qe_identity", Json.write(qeIdentity));
        bundle.put("qe_identity_signature", HexFormat.of().formatHex(new byte[64]));
        bundle.put("qe_identity_issuer_chain", chain);
        bundle.put("pck_crl_issuer_chain", TestDcapPki.pem(pki.platformCa, pki.root));
        bundle.put("pck_crl", HexFormat.of().formatHex(pki.pckCrl(ISSUED, NEXT_UPDATE)));
        bundle.put("root_ca_crl", HexFormat.of().formatHex(pki.rootCaCrl(ISSUED, NEXT_UPDATE)));
        seeds.add(QuoteCollateralFuzzTest.class, "bundle", Json.writeBytes(bundle));
    }

    /** The TDX quote's signature data under an SGX v3 header and enclave report (the signatures no longer match). */
    private static byte[] sgxShaped(byte[] tdxQuote) throws Exception {
        DcapQuote tdx = DcapQuote.parse(tdxQuote);
        Map<EnclaveReport.Field, byte[]> fields = new EnumMap<>(EnclaveReport.Field.class);
        fields.put(EnclaveReport.Field.REPORT_DATA, new byte[64]);
        QuoteHeader header = QuoteHeader.create(3, TeeType.SGX, new byte[4], tdx.header().qeVendorId(), new byte[20]);
        return DcapQuote.create(header, EnclaveReport.create(fields), tdx.signatureData()).encode();
    }

    private static void tpm(SeedCorpus seeds) throws Exception {
        TestTpm tpm = new TestTpm();
        byte[] attest = tpm.attest(new byte[32]);
        seeds.add(TpmStructuresFuzzTest.class, "tpms-attest-quote", attest);
        seeds.add(TpmStructuresFuzzTest.class, "tpmt-signature-rsassa", tpm.sign(attest));
    }

    /** An HCL report around {@code hwReport} whose variable data holds the vTPM AK and EK. */
    private static byte[] hclReport(byte[] hwReport) throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        var keys = Json.mapper().createArrayNode();
        for (String kid : List.of(HclVarData.AK_KID, HclVarData.EK_KID)) {
            RSAPublicKey key = (RSAPublicKey) rsa.generateKeyPair().getPublic();
            keys.addObject().put("kid", kid).put("kty", "RSA").put("e", b64url(key.getPublicExponent().toByteArray()))
                    .put("n", b64url(key.getModulus().toByteArray()));
        }
        var varData = Json.mapper().createObjectNode();
        varData.set("keys", keys);
        varData.putObject("vm-configuration").put("secure-boot", true).put("tpm-enabled", true);
        byte[] json = Json.writeBytes(varData);
        ByteBuffer out = ByteBuffer.allocate(HclReport.VAR_DATA_OFFSET + json.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0, HclReport.SIGNATURE_MAGIC).putInt(4, 2).putInt(12, 2).putInt(16, 0);
        out.put(HclReport.HW_REPORT_OFFSET, hwReport, 0, HclReport.HW_REPORT_LENGTH);
        out.putInt(HclReport.REQUEST_DATA_OFFSET, HclReport.REQUEST_DATA_HEADER_LENGTH + json.length)
                .putInt(HclReport.REQUEST_DATA_OFFSET + 4, 1)
                .putInt(HclReport.REQUEST_DATA_OFFSET + 8, 2)
                .putInt(HclReport.REQUEST_DATA_OFFSET + 12, 1)
                .putInt(HclReport.REQUEST_DATA_OFFSET + 16, json.length);
        out.put(HclReport.VAR_DATA_OFFSET, json);
        return out.array();
    }

    private static void cca(SeedCorpus seeds) throws IOException {
        byte[] platform = coseSign1(claims -> {
            claims.writeFieldId(2396);
            claims.writeBinary(new byte[32]);
            claims.writeFieldId(2395);
            claims.writeBinary(new byte[33]);
            claims.writeFieldId(10);
            claims.writeBinary(new byte[48]);
            claims.writeFieldId(2399);
            claims.writeStartArray();
            claims.writeStartObject();
            claims.writeFieldId(1);
            claims.writeString("RSE_BL1_2");
            claims.writeFieldId(2);
            claims.writeBinary(new byte[32]);
            claims.writeEndObject();
            claims.writeEndArray();
        });
        byte[] realm = coseSign1(claims -> {
            claims.writeFieldId(10);
            claims.writeBinary(new byte[64]);
            claims.writeFieldId(44235);
            claims.writeBinary(new byte[64]);
            claims.writeFieldId(44237);
            claims.writeBinary(new byte[97]);
            claims.writeFieldId(44240);
            claims.writeString("sha-256");
            claims.writeFieldId(44238);
            claims.writeBinary(new byte[32]);
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator cbor = new CBORFactory().createGenerator(out)) {
            cbor.writeTag(399);
            cbor.writeStartObject();
            cbor.writeFieldId(44234);
            cbor.writeBinary(platform);
            cbor.writeFieldId(44241);
            cbor.writeBinary(realm);
            cbor.writeEndObject();
        }
        seeds.add(CcaTokenFuzzTest.class, "platform-and-realm", out.toByteArray());
    }

    private interface ClaimWriter {
        void write(CBORGenerator claims) throws IOException;
    }

    /** A COSE_Sign1 (tag 18) with an ES384 protected header, the given claims and a zero signature. */
    private static byte[] coseSign1(ClaimWriter claims) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        try (CBORGenerator cbor = new CBORFactory().createGenerator(header)) {
            cbor.writeStartObject();
            cbor.writeFieldId(1);
            cbor.writeNumber(-35);
            cbor.writeEndObject();
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        try (CBORGenerator cbor = new CBORFactory().createGenerator(payload)) {
            cbor.writeStartObject();
            claims.write(cbor);
            cbor.writeEndObject();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator cbor = new CBORFactory().createGenerator(out)) {
            cbor.writeTag(18);
            cbor.writeStartArray();
            cbor.writeBinary(header.toByteArray());
            cbor.writeStartObject();
            cbor.writeEndObject();
            cbor.writeBinary(payload.toByteArray());
            cbor.writeBinary(new byte[96]);
            cbor.writeEndArray();
        }
        return out.toByteArray();
    }

    /** GET_MEASUREMENTS request and MEASUREMENTS response (SPDM 1.1) with two DMTF blocks and one opaque field. */
    private static byte[] spdm() {
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        for (int index = 1; index <= 2; index++) {
            byte[] value = new byte[48];
            value[0] = (byte) index;
            record.write(index);
            record.write(1);
            le(record, 3 + value.length, 2);
            record.write(1);
            le(record, value.length, 2);
            record.writeBytes(value);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x11, (byte) 0xe0, 0x01, (byte) 0xff});
        out.writeBytes(new byte[32]);
        out.write(0);
        out.writeBytes(new byte[] {0x11, 0x60, 0x00, 0x00, 2});
        le(out, record.size(), 3);
        out.writeBytes(record.toByteArray());
        out.writeBytes(new byte[32]);
        byte[] opaque = "driver 550.54".getBytes(StandardCharsets.US_ASCII);
        le(out, 4 + opaque.length, 2);
        le(out, 2, 2);
        le(out, opaque.length, 2);
        out.writeBytes(opaque);
        out.writeBytes(new byte[96]);
        return out.toByteArray();
    }

    private static void le(ByteArrayOutputStream out, int value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write(value >>> (8 * i));
        }
    }

    private static String b64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
