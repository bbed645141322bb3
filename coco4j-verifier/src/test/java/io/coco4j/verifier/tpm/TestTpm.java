package io.coco4j.verifier.tpm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** A software TPM for tests: an RSA attestation key that signs TPMS_ATTEST quotes over 24 SHA-256 PCRs. */
public final class TestTpm {

    public final KeyPair ak;
    public final List<byte[]> pcrs = new ArrayList<>();

    public TestTpm() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        ak = generator.generateKeyPair();
        for (int i = 0; i < 24; i++) {
            pcrs.add(new byte[32]);
        }
    }

    /** PCR 8 as an attester extends it with the init-data digest once from zero. */
    public void extendInitData(byte[] digest) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(new byte[32]);
        pcrs.set(TpmQuoteCheck.INIT_DATA_PCR, sha256.digest(digest));
    }

    /** A TPMS_ATTEST of type quote selecting all 24 PCRs of the SHA-256 bank. */
    public byte[] attest(byte[] qualifyingData) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        pcrs.forEach(sha256::update);
        byte[] digest = sha256.digest();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(6).putInt((int) TpmsAttest.TPM_GENERATED_VALUE).putShort((short) TpmsAttest.TPM_ST_ATTEST_QUOTE).array());
        sized(out, new byte[34]);
        sized(out, qualifyingData);
        out.writeBytes(ByteBuffer.allocate(17).putLong(12345).putInt(1).putInt(0).put((byte) 1).array());
        out.writeBytes(ByteBuffer.allocate(8).putLong(0x2000100000000L).array());
        out.writeBytes(ByteBuffer.allocate(4).putInt(1).array());
        out.writeBytes(new byte[] {0x00, 0x0b, 0x03, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        sized(out, digest);
        return out.toByteArray();
    }

    /** TPMT_SIGNATURE (RSASSA, SHA-256) over {@code message}. */
    public byte[] sign(byte[] message) throws Exception {
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(ak.getPrivate());
        signer.update(message);
        byte[] sig = signer.sign();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x00, 0x14, 0x00, 0x0b});
        sized(out, sig);
        return out.toByteArray();
    }

    /** The {@code tpm} TEE evidence for this quote. */
    public ObjectNode evidence(byte[] qualifyingData) throws Exception {
        byte[] message = attest(qualifyingData);
        ObjectNode evidence = JsonNodeFactory.instance.objectNode();
        evidence.put("ak_public", Base64.getEncoder().encodeToString(ak.getPublic().getEncoded()));
        ObjectNode quote = evidence.putObject("tpm_quote");
        quote.put("signature", Base64.getEncoder().encodeToString(sign(message)));
        quote.put("message", Base64.getEncoder().encodeToString(message));
        var array = quote.putArray("pcrs");
        pcrs.forEach(p -> array.add(HexFormat.of().formatHex(p)));
        return evidence;
    }

    private static void sized(ByteArrayOutputStream out, byte[] value) {
        out.write(value.length >> 8);
        out.write(value.length & 0xff);
        out.writeBytes(value);
    }
}
