package io.coco4j.verifier.cca;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;

import java.io.IOException;

/** Jackson's CBOR reader set up for attestation tokens: duplicate keys refused, integer keys as their decimal text. */
final class Cbor {

    private static final CBORFactory FACTORY = CBORFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper MAPPER = new CBORMapper(FACTORY);

    private Cbor() {
    }

    static CBORParser parser(byte[] bytes) throws IOException {
        return (CBORParser) FACTORY.createParser(bytes);
    }

    /** The next value, which must be a byte string. */
    static byte[] bytes(CBORParser parser, String what) throws IOException, CcaTokenFormatException {
        if (parser.nextToken() != JsonToken.VALUE_EMBEDDED_OBJECT) {
            throw new CcaTokenFormatException(what + " is not a byte string");
        }
        return parser.getBinaryValue();
    }

    static void requireEnd(CBORParser parser, String what) throws IOException, CcaTokenFormatException {
        if (parser.nextToken() != null) {
            throw new CcaTokenFormatException("unexpected data after the " + what);
        }
    }

    /** A whole CBOR map as a tree (keys as text, byte strings as binary nodes). */
    static ObjectNode map(byte[] bytes, String what) throws CcaTokenFormatException {
        try (CBORParser parser = parser(bytes)) {
            JsonNode node = MAPPER.readTree(parser);
            if (!(node instanceof ObjectNode object)) {
                throw new CcaTokenFormatException(what + " is not a CBOR map");
            }
            requireEnd(parser, what);
            return object;
        } catch (IOException e) {
            throw new CcaTokenFormatException(what + " is not valid CBOR: " + e.getMessage());
        }
    }
}
