package io.coco4j.guest.attester.tpm;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The TPM 2.0 commands an attester needs, marshalled by hand (no TSS): PCR read and extend, an
 * attestation key (a restricted RSA-2048 RSASSA/SHA-256 signing key, either persistent or created as
 * a primary under the endorsement hierarchy), quotes, NV reads and context flushes. Authorisation is
 * the empty password session, as for the owner and endorsement hierarchies of a guest's vTPM.
 */
public final class Tpm implements AutoCloseable {

    static final int ST_NO_SESSIONS = 0x8001;
    static final int ST_SESSIONS = 0x8002;
    static final long RS_PW = 0x40000009L;
    public static final long RH_OWNER = 0x40000001L;
    public static final long RH_ENDORSEMENT = 0x4000000BL;

    static final int CC_NV_READ = 0x14E;
    static final int CC_CREATE_PRIMARY = 0x131;
    static final int CC_QUOTE = 0x158;
    static final int CC_FLUSH_CONTEXT = 0x165;
    static final int CC_NV_READ_PUBLIC = 0x169;
    static final int CC_READ_PUBLIC = 0x173;
    static final int CC_PCR_READ = 0x17E;
    static final int CC_PCR_EXTEND = 0x182;
    static final int CC_NV_WRITE = 0x137;

    static final int ALG_RSA = 0x0001;
    static final int ALG_SHA256 = 0x000B;
    static final int ALG_NULL = 0x0010;
    static final int ALG_RSASSA = 0x0014;

    public static final int PCR_COUNT = 24;
    static final long RC_YIELDED = 0x908;
    static final long RC_TESTING = 0x90A;
    static final long RC_RETRY = 0x922;
    private static final int MAX_RETRIES = 50;
    /** fixedTPM | fixedParent | sensitiveDataOrigin | userWithAuth | restricted | sign. */
    static final long AK_ATTRIBUTES = (1L << 1) | (1L << 4) | (1L << 5) | (1L << 6) | (1L << 16) | (1L << 18);
    private static final int NV_CHUNK = 512;

    private final TpmTransport transport;
    private long lastHandle; // the handle of the last response that returned one

    public Tpm(TpmTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** A loaded attestation key: its handle and RSA public key. */
    public record AttestationKey(long handle, RSAPublicKey publicKey, boolean transientKey) {
    }

    /** A quote: the TPMS_ATTEST it signed and the marshalled TPMT_SIGNATURE. */
    public record Quote(byte[] message, byte[] signature) {
    }

    /** The SHA-256 bank's PCRs 0..23. */
    public List<byte[]> readSha256Pcrs() throws TpmException {
        byte[][] values = new byte[PCR_COUNT][];
        int remaining = 0xFFFFFF;
        while (remaining != 0) {
            TpmBuffer.Writer params = new TpmBuffer.Writer().u32(1).u16(ALG_SHA256).u8(3)
                    .u8(remaining & 0xFF).u8((remaining >>> 8) & 0xFF).u8((remaining >>> 16) & 0xFF);
            TpmBuffer.Reader response = call(ST_NO_SESSIONS, CC_PCR_READ, new long[0], false, params, 0);
            response.u32(); // pcrUpdateCounter
            long selections = response.u32();
            int returned = 0;
            for (long i = 0; i < selections; i++) {
                int hash = response.u16();
                byte[] bits = response.bytes(response.u8());
                if (hash == ALG_SHA256) {
                    for (int b = 0; b < bits.length && b < 3; b++) {
                        returned |= (bits[b] & 0xFF) << (8 * b);
                    }
                }
            }
            long count = response.u32();
            List<byte[]> digests = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                digests.add(response.sized());
            }
            if (returned == 0 || Integer.bitCount(returned) != digests.size()) {
                throw new TpmException("the TPM has no SHA-256 PCR bank, or answered PCR_Read inconsistently");
            }
            int next = 0;
            for (int pcr = 0; pcr < PCR_COUNT; pcr++) {
                if ((returned & (1 << pcr)) != 0) {
                    values[pcr] = digests.get(next++);
                }
            }
            remaining &= ~returned;
        }
        return Arrays.asList(values);
    }

    /** Extends a SHA-256 PCR. */
    public void extendSha256Pcr(int pcr, byte[] digest) throws TpmException {
        if (pcr < 0 || pcr >= PCR_COUNT) {
            throw new TpmException("PCR index " + pcr + " is out of range");
        }
        if (digest.length != 32) {
            throw new TpmException("a SHA-256 PCR extension takes 32 bytes, got " + digest.length);
        }
        TpmBuffer.Writer params = new TpmBuffer.Writer().u32(1).u16(ALG_SHA256).bytes(digest);
        call(ST_SESSIONS, CC_PCR_EXTEND, new long[]{pcr}, true, params, 0);
    }

    /** Creates a primary RSA attestation key under the endorsement hierarchy; flush it after use. */
    public AttestationKey createPrimaryAttestationKey() throws TpmException {
        TpmBuffer.Writer template = new TpmBuffer.Writer()
                .u16(ALG_RSA).u16(ALG_SHA256).u32(AK_ATTRIBUTES).sized(new byte[0])
                .u16(ALG_NULL)                       // symmetric: none (a signing key)
                .u16(ALG_RSASSA).u16(ALG_SHA256)     // scheme
                .u16(2048).u32(0)                    // key bits, default exponent
                .sized(new byte[0]);                 // unique
        TpmBuffer.Writer params = new TpmBuffer.Writer()
                .sized(new TpmBuffer.Writer().sized(new byte[0]).sized(new byte[0]).toByteArray()) // inSensitive
                .sized(template.toByteArray())
                .sized(new byte[0])                 // outsideInfo
                .u32(0);                            // creationPCR
        TpmBuffer.Reader response = call(ST_SESSIONS, CC_CREATE_PRIMARY, new long[]{RH_ENDORSEMENT}, true, params, 1);
        long handle = lastHandle;
        byte[] publicArea = response.sized();
        return new AttestationKey(handle, rsaPublicKey(publicArea), true);
    }

    /** A persistent attestation key already provisioned at {@code handle}. */
    public AttestationKey persistentAttestationKey(long handle) throws TpmException {
        TpmBuffer.Reader response = call(ST_NO_SESSIONS, CC_READ_PUBLIC, new long[]{handle}, false, new TpmBuffer.Writer(), 0);
        return new AttestationKey(handle, rsaPublicKey(response.sized()), false);
    }

    /** Quotes the SHA-256 PCRs 0..23 with {@code qualifyingData} as extra data, signed RSASSA/SHA-256. */
    public Quote quote(AttestationKey key, byte[] qualifyingData) throws TpmException {
        if (qualifyingData.length > 64) {
            throw new TpmException("TPM qualifying data is at most 64 bytes, got " + qualifyingData.length);
        }
        TpmBuffer.Writer params = new TpmBuffer.Writer()
                .sized(qualifyingData)
                .u16(ALG_RSASSA).u16(ALG_SHA256)
                .u32(1).u16(ALG_SHA256).u8(3).u8(0xFF).u8(0xFF).u8(0xFF);
        TpmBuffer.Reader response = call(ST_SESSIONS, CC_QUOTE, new long[]{key.handle()}, true, params, 0);
        byte[] attest = response.sized();
        int start = response.position();
        int sigAlg = response.u16();
        if (sigAlg != ALG_RSASSA) {
            throw new TpmException("the TPM signed the quote with algorithm 0x" + Integer.toHexString(sigAlg) + ", not RSASSA");
        }
        response.u16(); // hash
        response.sized();
        int end = response.position();
        response.position(start);
        return new Quote(attest, response.bytes(end - start));
    }

    /** Releases a transient object. */
    public void flush(long handle) throws TpmException {
        call(ST_NO_SESSIONS, CC_FLUSH_CONTEXT, new long[0], false, new TpmBuffer.Writer().u32(handle), 0);
    }

    /** The data size of an NV index. */
    public int nvSize(long index) throws TpmException {
        TpmBuffer.Reader response = call(ST_NO_SESSIONS, CC_NV_READ_PUBLIC, new long[]{index}, false, new TpmBuffer.Writer(), 0);
        TpmBuffer.Reader nvPublic = new TpmBuffer.Reader(response.sized());
        nvPublic.u32();   // index
        nvPublic.u16();   // name algorithm
        nvPublic.u32();   // attributes
        nvPublic.sized(); // auth policy
        return nvPublic.u16();
    }

    /** Reads a whole NV index with owner authorisation. */
    public byte[] nvRead(long index) throws TpmException {
        int size = nvSize(index);
        byte[] out = new byte[size];
        for (int offset = 0; offset < size; ) {
            int chunk = Math.min(NV_CHUNK, size - offset);
            TpmBuffer.Writer params = new TpmBuffer.Writer().u16(chunk).u16(offset);
            byte[] data = call(ST_SESSIONS, CC_NV_READ, new long[]{RH_OWNER, index}, true, params, 0).sized();
            if (data.length != chunk) {
                throw new TpmException("the TPM returned " + data.length + " NV bytes, expected " + chunk);
            }
            System.arraycopy(data, 0, out, offset, chunk);
            offset += chunk;
        }
        return out;
    }

    /** Writes bytes to an NV index with owner authorisation (for the report request index of Azure's paravisor). */
    public void nvWrite(long index, byte[] data) throws TpmException {
        for (int offset = 0; offset < data.length; ) {
            int chunk = Math.min(NV_CHUNK, data.length - offset);
            TpmBuffer.Writer params = new TpmBuffer.Writer().sized(Arrays.copyOfRange(data, offset, offset + chunk)).u16(offset);
            call(ST_SESSIONS, CC_NV_WRITE, new long[]{RH_OWNER, index}, true, params, 0);
            offset += chunk;
        }
    }

    /**
     * Sends one command; returns a reader positioned at the response parameters (after the
     * {@code responseHandles} handles, whose last is kept in {@link #lastHandle}, and the parameter size).
     */
    private TpmBuffer.Reader call(int tag, int code, long[] handles, boolean passwordSession, TpmBuffer.Writer params, int responseHandles)
            throws TpmException {
        TpmBuffer.Writer body = new TpmBuffer.Writer();
        for (long handle : handles) {
            body.u32(handle);
        }
        if (passwordSession) {
            byte[] session = new TpmBuffer.Writer().u32(RS_PW).sized(new byte[0]).u8(0).sized(new byte[0]).toByteArray();
            body.u32(session.length).bytes(session);
        }
        body.bytes(params.toByteArray());
        byte[] command = new TpmBuffer.Writer().u16(tag).u32(TpmBuffer.HEADER_LENGTH + body.length()).u32(code)
                .bytes(body.toByteArray()).toByteArray();
        byte[] responseBytes;
        TpmBuffer.Reader response;
        int responseTag;
        long size;
        long rc;
        int attempt = 0;
        while (true) {
            try {
                responseBytes = transport.transmit(command);
            } catch (IOException e) {
                throw new TpmException("cannot talk to the TPM: " + e.getMessage());
            }
            response = new TpmBuffer.Reader(responseBytes);
            responseTag = response.u16();
            size = response.u32();
            rc = response.u32();
            // the TPM could not start the command yet (busy, testing, yielded): resubmit it, as TSS stacks do
            if ((rc == RC_RETRY || rc == RC_YIELDED || rc == RC_TESTING) && ++attempt < MAX_RETRIES) {
                pause(attempt);
                continue;
            }
            break;
        }
        if (size != responseBytes.length) {
            throw new TpmException("the TPM response size field says " + size + " but " + responseBytes.length + " bytes arrived");
        }
        if (rc != 0) {
            throw new TpmException("TPM command 0x" + Integer.toHexString(code) + " failed with response code 0x" + Long.toHexString(rc), rc);
        }
        for (int i = 0; i < responseHandles; i++) {
            lastHandle = response.u32();
        }
        if (responseTag == ST_SESSIONS) {
            long parameterSize = response.u32();
            if (parameterSize > response.remaining()) {
                throw new TpmException("the TPM response parameter size is out of bounds");
            }
        }
        return response;
    }

    private static void pause(int attempt) throws TpmException {
        try {
            Thread.sleep(Math.min(100, 5L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TpmException("interrupted while the TPM was busy");
        }
    }

    /** The RSA public key of a TPMT_PUBLIC (an RSA key with any symmetric and scheme parameters). */
    static RSAPublicKey rsaPublicKey(byte[] publicArea) throws TpmException {
        TpmBuffer.Reader in = new TpmBuffer.Reader(publicArea);
        int type = in.u16();
        if (type != ALG_RSA) {
            throw new TpmException("the attestation key is not an RSA key (type 0x" + Integer.toHexString(type) + ")");
        }
        in.u16();   // name algorithm
        in.u32();   // attributes
        in.sized(); // auth policy
        int symmetric = in.u16();
        if (symmetric != ALG_NULL) {
            in.u16(); // key bits
            in.u16(); // mode
        }
        int scheme = in.u16();
        if (scheme != ALG_NULL) {
            in.u16(); // scheme hash
        }
        in.u16(); // key bits
        long exponent = in.u32();
        byte[] modulus = in.sized();
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                    new BigInteger(1, modulus), BigInteger.valueOf(exponent == 0 ? 65537 : exponent)));
        } catch (GeneralSecurityException e) {
            throw new TpmException("the attestation key's modulus is unusable");
        }
    }

    @Override
    public void close() throws TpmException {
        try {
            transport.close();
        } catch (IOException e) {
            throw new TpmException("cannot close the TPM: " + e.getMessage());
        }
    }
}
