package io.coco4j.rvps.corim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A COSE_Sign1 message (RFC 9052): protected header, payload and signature, verified over the
 * {@code Sig_structure ["Signature1", protected, external_aad = h'', payload]}. Algorithms: ES256,
 * ES384, ES512 (signatures as r||s), EdDSA, PS256, PS384, PS512.
 */
record CoseSign1(byte[] protectedHeader, int algorithm, Optional<byte[]> keyId, byte[] payload, byte[] signature) {

    static final int ES256 = -7;
    static final int ES384 = -35;
    static final int ES512 = -36;
    static final int EDDSA = -8;
    static final int PS256 = -37;
    static final int PS384 = -38;
    static final int PS512 = -39;

    /** Parses the four-element COSE_Sign1 array (its tag 18 already removed). */
    static CoseSign1 parse(Object value) throws IOException {
        if (!(value instanceof List<?> parts) || parts.size() != 4) {
            throw new IOException("COSE_Sign1 must be an array of four items");
        }
        if (!(parts.get(0) instanceof byte[] protectedBytes) || !(parts.get(3) instanceof byte[] signature)) {
            throw new IOException("COSE_Sign1 protected header and signature must be byte strings");
        }
        if (!(parts.get(2) instanceof byte[] payload)) {
            throw new IOException("COSE_Sign1 has no attached payload");
        }
        Object header = protectedBytes.length == 0 ? Map.of() : Cbor.decode(protectedBytes);
        if (!(header instanceof Map<?, ?> headerMap)) {
            throw new IOException("COSE protected header is not a map");
        }
        if (!(headerMap.get("1") instanceof BigInteger alg)) {
            throw new IOException("COSE protected header has no integer algorithm (label 1)");
        }
        Optional<byte[]> keyId = Optional.empty();
        if (headerMap.get("4") instanceof byte[] kid) {
            keyId = Optional.of(kid);
        } else if (parts.get(1) instanceof Map<?, ?> unprotected && unprotected.get("4") instanceof byte[] kid) {
            keyId = Optional.of(kid);
        }
        return new CoseSign1(protectedBytes, alg.intValueExact(), keyId, payload, signature);
    }

    /** Whether {@code key} made the signature. */
    boolean verifiedBy(PublicKey key) {
        try {
            Signature verifier = switch (algorithm) {
                case ES256 -> ec(key, 256, "SHA256withECDSAinP1363Format");
                case ES384 -> ec(key, 384, "SHA384withECDSAinP1363Format");
                case ES512 -> ec(key, 521, "SHA512withECDSAinP1363Format");
                case EDDSA -> key.getAlgorithm().equals("EdDSA") || key.getAlgorithm().equals("Ed25519")
                        ? Signature.getInstance("Ed25519") : null;
                case PS256 -> pss(key, "SHA-256", 32);
                case PS384 -> pss(key, "SHA-384", 48);
                case PS512 -> pss(key, "SHA-512", 64);
                default -> null;
            };
            if (verifier == null) {
                return false;
            }
            verifier.initVerify(key);
            verifier.update(toBeSigned());
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    static boolean supported(int algorithm) {
        return List.of(ES256, ES384, ES512, EDDSA, PS256, PS384, PS512).contains(algorithm);
    }

    private static Signature ec(PublicKey key, int bits, String algorithm) throws GeneralSecurityException {
        if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != bits) {
            return null;
        }
        return Signature.getInstance(algorithm);
    }

    private static Signature pss(PublicKey key, String hash, int saltLength) throws GeneralSecurityException {
        if (!(key instanceof RSAPublicKey)) {
            return null;
        }
        Signature signature = Signature.getInstance("RSASSA-PSS");
        signature.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), saltLength, 1));
        return signature;
    }

    /** The CBOR encoding of {@code ["Signature1", protected, h'', payload]}. */
    byte[] toBeSigned() {
        return sigStructure(protectedHeader, payload);
    }

    static byte[] sigStructure(byte[] protectedHeader, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x84);
        byte[] context = "Signature1".getBytes(StandardCharsets.US_ASCII);
        head(out, 3, context.length);
        out.writeBytes(context);
        head(out, 2, protectedHeader.length);
        out.writeBytes(protectedHeader);
        head(out, 2, 0);
        head(out, 2, payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** A CBOR item head: major type and length, in the shortest form. */
    static void head(ByteArrayOutputStream out, int majorType, long length) {
        int major = majorType << 5;
        if (length < 24) {
            out.write(major | (int) length);
        } else if (length < 0x100) {
            out.write(major | 24);
            out.write((int) length);
        } else if (length < 0x10000) {
            out.write(major | 25);
            out.write((int) (length >> 8));
            out.write((int) length);
        } else if (length < 0x100000000L) {
            out.write(major | 26);
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write((int) (length >> shift));
            }
        } else {
            out.write(major | 27);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (length >> shift));
            }
        }
    }
}
