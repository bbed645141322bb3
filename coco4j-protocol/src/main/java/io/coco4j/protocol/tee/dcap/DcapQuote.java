package io.coco4j.protocol.tee.dcap;

import java.util.Arrays;

/**
 * An Intel DCAP ECDSA quote: SGX quote v3, TDX quote v4 and quote v5 (body types 1, 2 and 3).
 *
 * <pre>
 * v3, v4:  header(48) | body            | u32 sigLen | signature data
 * v5:      header(48) | u16 type | u32 size | body | u32 sigLen | signature data
 * </pre>
 *
 * The quote signature covers everything before {@code sigLen}. Bytes after the declared signature
 * data are ignored (quote providers pad quotes); a length that runs past the end is refused.
 */
public final class DcapQuote {

    private final QuoteHeader header;
    private final ReportBody body;
    private final QuoteSignatureData signatureData;
    private final byte[] signed;

    private DcapQuote(QuoteHeader header, ReportBody body, QuoteSignatureData signatureData, byte[] signed) {
        this.header = header;
        this.body = body;
        this.signatureData = signatureData;
        this.signed = signed;
    }

    /** Parses a quote; trailing bytes after the signature data are tolerated. */
    public static DcapQuote parse(byte[] quote) throws QuoteFormatException {
        QuoteReader in = new QuoteReader(quote, 0, quote.length);
        QuoteHeader header = QuoteHeader.of(in.bytes(QuoteHeader.LAYOUT.size(), "quote header"));
        int version = header.version();
        if (version < 3 || version > 5) {
            throw new QuoteFormatException("unsupported quote version " + version + " (3, 4 and 5 are known)");
        }
        if (header.attestationKeyType() != QuoteHeader.ATTESTATION_KEY_ECDSA_P256) {
            throw new QuoteFormatException("unsupported attestation key type " + header.attestationKeyType()
                    + " (only 2, ECDSA-256 with P-256, is known)");
        }
        TeeType tee = version == 3 ? TeeType.SGX : TeeType.of(header.teeTypeValue());
        int bodyType;
        if (version == 5) {
            bodyType = in.u16("quote body type");
            long size = in.u32("quote body size");
            int expected = bodySize(bodyType);
            if (size != expected) {
                throw new QuoteFormatException("quote body type " + bodyType + " is " + expected + " bytes, not " + size);
            }
        } else {
            bodyType = tee == TeeType.SGX ? 1 : 2;
        }
        if ((tee == TeeType.SGX) != (bodyType == 1)) {
            throw new QuoteFormatException("quote body type " + bodyType + " does not fit TEE type " + tee);
        }
        byte[] bodyBytes = in.bytes(bodySize(bodyType), "quote body");
        ReportBody body = bodyType == 1 ? EnclaveReport.of(bodyBytes) : TdReport.of(bodyBytes);
        byte[] signed = Arrays.copyOf(quote, in.position());
        long signatureLength = in.u32("signature data length");
        QuoteReader signature = in.slice(signatureLength, "signature data");
        QuoteSignatureData signatureData = QuoteSignatureData.read(signature, version);
        return new DcapQuote(header, body, signatureData, signed);
    }

    private static int bodySize(int bodyType) throws QuoteFormatException {
        return switch (bodyType) {
            case 1 -> EnclaveReport.LAYOUT.size();
            case 2 -> TdReport.TDX10_SIZE;
            case 3 -> TdReport.TDX15_SIZE;
            default -> throw new QuoteFormatException("unknown quote body type " + bodyType);
        };
    }

    /** A quote from its parts; the header's version decides the layout. */
    public static DcapQuote create(QuoteHeader header, ReportBody body, QuoteSignatureData signatureData) {
        return new DcapQuote(header, body, signatureData, signedBytes(header, body));
    }

    /** The bytes the attestation key signs for a quote with this header and body. */
    public static byte[] signedBytes(QuoteHeader header, ReportBody body) {
        int version = header.version();
        if (version != 5 && body instanceof TdReport td && td.tdx15()) {
            throw new IllegalArgumentException("a TDX 1.5 body needs quote version 5");
        }
        QuoteWriter out = new QuoteWriter();
        header.writeTo(out);
        byte[] bodyBytes = body.bytes();
        if (version == 5) {
            out.u16(body.bodyType()).u32(bodyBytes.length);
        }
        return out.bytes(bodyBytes).toByteArray();
    }

    /** The quote's wire bytes. */
    public byte[] encode() {
        QuoteWriter signature = new QuoteWriter();
        signatureData.writeTo(signature, header.version());
        byte[] sig = signature.toByteArray();
        return new QuoteWriter().bytes(signed).u32(sig.length).bytes(sig).toByteArray();
    }

    public QuoteHeader header() {
        return header;
    }

    public int version() {
        return header.version();
    }

    public TeeType teeType() {
        return body instanceof EnclaveReport ? TeeType.SGX : TeeType.TDX;
    }

    public ReportBody body() {
        return body;
    }

    public QuoteSignatureData signatureData() {
        return signatureData;
    }

    /** The bytes the quote signature covers (header, v5 type and size, body). */
    public byte[] signedBytes() {
        return signed.clone();
    }

    /** Length of {@link #signedBytes()} without copying. */
    public int signedLength() {
        return signed.length;
    }
}
