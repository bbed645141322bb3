package io.coco4j.verifier.cca;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;

import java.io.IOException;

/**
 * A CCA attestation token: CBOR tag 399 over a map of the platform token (key 44234) and the realm
 * delegated token (key 44241), each a byte string holding a COSE_Sign1.
 */
record CcaToken(CoseSign1 platform, CoseSign1 realm) {

    static final int COLLECTION_TAG = 399;
    static final String PLATFORM_KEY = "44234";
    static final String REALM_KEY = "44241";

    static CcaToken parse(byte[] bytes) throws CcaTokenFormatException {
        byte[] platform = null;
        byte[] realm = null;
        try (CBORParser parser = Cbor.parser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT || parser.getCurrentTag() != COLLECTION_TAG) {
                throw new CcaTokenFormatException("CCA token is not a CBOR map tagged 399 (CCA attestation token collection)");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                byte[] value = Cbor.bytes(parser, "CCA token member " + key);
                switch (key) {
                    case PLATFORM_KEY -> platform = value;
                    case REALM_KEY -> realm = value;
                    default -> throw new CcaTokenFormatException("CCA token has an unknown member " + key);
                }
            }
            if (token != JsonToken.END_OBJECT) {
                throw new CcaTokenFormatException("CCA token map is malformed");
            }
            Cbor.requireEnd(parser, "CCA token");
        } catch (IOException e) {
            throw new CcaTokenFormatException("CCA token is not valid CBOR: " + e.getMessage());
        }
        if (platform == null || realm == null) {
            throw new CcaTokenFormatException("CCA token needs both the platform token (44234) and the realm token (44241)");
        }
        return new CcaToken(CoseSign1.parse(platform, "platform token"), CoseSign1.parse(realm, "realm token"));
    }
}
