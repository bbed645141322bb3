package io.coco4j.verifier.cca;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import io.coco4j.verifier.RawEcdsaSignature;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;

/**
 * A COSE_Sign1 (RFC 9052 §4.2), optionally tagged 18: {@code [protected bstr, unprotected map,
 * payload bstr, signature bstr]}. Only ES384 is accepted, the algorithm the CCA profile mandates.
 */
record CoseSign1(byte[] protectedHeader, byte[] payload, byte[] signature) {

    static final int TAG = 18;
    static final int ES384 = -35;

    static CoseSign1 parse(byte[] bytes, String what) throws CcaTokenFormatException {
        try (CBORParser parser = Cbor.parser(bytes)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new CcaTokenFormatException(what + " is not a COSE_Sign1 array");
            }
            int tag = parser.getCurrentTag();
            if (tag != -1 && tag != TAG) {
                throw new CcaTokenFormatException(what + " carries CBOR tag " + tag + ", not COSE_Sign1 (18)");
            }
            byte[] protectedHeader = Cbor.bytes(parser, what + " protected header");
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new CcaTokenFormatException(what + " unprotected header is not a map");
            }
            parser.skipChildren();
            byte[] payload = Cbor.bytes(parser, what + " payload");
            byte[] signature = Cbor.bytes(parser, what + " signature");
            if (parser.nextToken() != JsonToken.END_ARRAY) {
                throw new CcaTokenFormatException(what + " has more than four members");
            }
            Cbor.requireEnd(parser, what);
            CoseSign1 sign1 = new CoseSign1(protectedHeader, payload, signature);
            sign1.requireEs384(what);
            return sign1;
        } catch (IOException e) {
            throw new CcaTokenFormatException(what + " is not valid CBOR: " + e.getMessage());
        }
    }

    private void requireEs384(String what) throws CcaTokenFormatException {
        JsonNode header = Cbor.map(protectedHeader, what + " protected header");
        JsonNode alg = header.get("1");
        if (alg == null || !alg.isIntegralNumber() || alg.intValue() != ES384) {
            throw new CcaTokenFormatException(what + " is not signed with ES384 (alg " + alg + ")");
        }
    }

    /** The claims map of the payload. */
    ObjectNode claims(String what) throws CcaTokenFormatException {
        return Cbor.map(payload, what + " claims");
    }

    /** Whether the signature over {@code Sig_structure = ["Signature1", protected, h'', payload]} verifies. */
    boolean verifiedBy(PublicKey key) {
        byte[] toBeSigned = sigStructure();
        return RawEcdsaSignature.verify("SHA384withECDSA", key, toBeSigned, toBeSigned.length, signature);
    }

    byte[] sigStructure() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x84);
        byte[] context = "Signature1".getBytes(StandardCharsets.US_ASCII);
        header(out, 3, context.length);
        out.writeBytes(context);
        header(out, 2, protectedHeader.length);
        out.writeBytes(protectedHeader);
        header(out, 2, 0);
        header(out, 2, payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** A CBOR head of major type {@code major} with argument {@code length}, shortest form. */
    private static void header(ByteArrayOutputStream out, int major, int length) {
        int type = major << 5;
        if (length < 24) {
            out.write(type | length);
        } else if (length < 0x100) {
            out.write(type | 24);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(type | 25);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(type | 26);
            out.write(length >>> 24);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
    }
}
