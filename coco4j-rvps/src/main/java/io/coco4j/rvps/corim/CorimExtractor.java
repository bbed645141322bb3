package io.coco4j.rvps.corim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.coco4j.rvps.Extraction;
import io.coco4j.rvps.InvalidMessageException;
import io.coco4j.rvps.ProvenanceException;
import io.coco4j.rvps.ReferenceValueExtractor;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code corim} provider: a CoRIM (payload = b64std of the CBOR), unsigned ({@code #6.501}) or
 * COSE-signed ({@code #6.18}, COSE_Sign1 over the tagged unsigned CoRIM). A signed CoRIM must verify
 * with one of the configured keys; an unsigned one is accepted only when the configuration allows it.
 * Each reference triple's measurements become values named
 * {@code vendor/model/mkey/mval-name/serial} (the parts present; a uint mkey as {@code claim<N>}, a
 * UUID mkey in its text form) plus {@code /digests} (value: the digests as hex) or {@code /raw_bytes}
 * (value: the raw value as hex). Values of the same name are merged: any of their digests matches.
 * The CoRIM's {@code rim-validity} not-after, when present, is the values' expiry.
 */
public final class CorimExtractor implements ReferenceValueExtractor {

    public static final String TYPE = "corim";
    private static final int TAG_COSE_SIGN1 = 18;
    private static final int TAG_UNSIGNED_CORIM = 501;
    private static final int TAG_COMID = 506;
    private static final int TAG_UUID = 37;
    private static final int TAG_RAW_BYTES = 560;

    private final List<PublicKey> signingKeys;
    private final boolean allowUnsigned;

    /** One extracted value, in document order (names may repeat). */
    public record NamedValue(String name, JsonNode value) {
    }

    public CorimExtractor(List<PublicKey> signingKeys, boolean allowUnsigned) {
        this.signingKeys = List.copyOf(signingKeys);
        this.allowUnsigned = allowUnsigned;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Extraction extract(String payload) throws InvalidMessageException, ProvenanceException {
        byte[] cbor;
        try {
            cbor = Base64.getDecoder().decode(payload.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException("corim payload is not base64");
        }
        Object document = decode(stripOuterTags(cbor));
        List<String> signers = new ArrayList<>();
        Map<?, ?> corim;
        if (document instanceof Cbor.Tagged tagged && tagged.tag() == TAG_COSE_SIGN1) {
            CoseSign1 signed;
            try {
                signed = CoseSign1.parse(tagged.value());
            } catch (IOException e) {
                throw new InvalidMessageException("signed CoRIM: " + e.getMessage());
            }
            if (!CoseSign1.supported(signed.algorithm())) {
                throw new ProvenanceException("signed CoRIM uses COSE algorithm " + signed.algorithm()
                        + ", which is not supported (ES256, ES384, ES512, EdDSA, PS256, PS384, PS512)");
            }
            PublicKey signer = signingKeys.stream().filter(signed::verifiedBy).findFirst().orElseThrow(() -> new ProvenanceException(
                    signingKeys.isEmpty() ? "signed CoRIM refused: no CoRIM signing keys are configured "
                            + "(attestation_service.rvps_config.corim.signing_keys)"
                            : "signed CoRIM refused: no configured CoRIM signing key verifies its signature"));
            signers.add(fingerprint(signer));
            corim = corimMap(decode(signed.payload()));
        } else {
            if (!allowUnsigned) {
                throw new ProvenanceException("unsigned CoRIM refused: sign it (COSE_Sign1), or allow unsigned CoRIMs "
                        + "(attestation_service.rvps_config.corim.allow_unsigned)");
            }
            corim = corimMap(document);
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (NamedValue value : referenceValues(corim)) {
            JsonNode known = values.get(value.name());
            if (known instanceof ArrayNode list && value.value() instanceof ArrayNode more) {
                more.forEach(d -> {
                    if (!contains(list, d)) {
                        list.add(d);
                    }
                });
            } else {
                values.put(value.name(), value.value().deepCopy());
            }
        }
        return new Extraction(values, notAfter(corim), signers, List.of());
    }

    private static boolean contains(ArrayNode list, JsonNode item) {
        for (JsonNode existing : list) {
            if (existing.equals(item)) {
                return true;
            }
        }
        return false;
    }

    /** The values of an unsigned CoRIM in document order, names repeating as the document repeats them. */
    public static List<NamedValue> referenceValues(byte[] unsignedCorim) throws InvalidMessageException {
        return referenceValues(corimMap(decode(stripOuterTags(unsignedCorim))));
    }

    private static List<NamedValue> referenceValues(Map<?, ?> corim) throws InvalidMessageException {
        if (!(corim.get("1") instanceof List<?> tags)) {
            throw new InvalidMessageException("CoRIM has no tags (key 1)");
        }
        List<NamedValue> out = new ArrayList<>();
        for (Object tag : tags) {
            if (tag instanceof Cbor.Tagged tagged && tagged.tag() == TAG_COMID && tagged.value() instanceof byte[] comid) {
                if (!(decode(comid) instanceof Map<?, ?> comidMap)) {
                    throw new InvalidMessageException("a CoMID tag is not a map");
                }
                out.addAll(fromComid(comidMap));
            }
            // CoSWID (505) and CoTL (508) tags carry no reference triples
        }
        return out;
    }

    private static List<NamedValue> fromComid(Map<?, ?> comid) throws InvalidMessageException {
        List<NamedValue> out = new ArrayList<>();
        if (!(comid.get("4") instanceof Map<?, ?> triples) || !(triples.get("0") instanceof List<?> referenceTriples)) {
            return out;
        }
        for (Object triple : referenceTriples) {
            if (!(triple instanceof List<?> pair) || pair.size() != 2 || !(pair.get(0) instanceof Map<?, ?> environment)
                    || !(pair.get(1) instanceof List<?> measurements)) {
                throw new InvalidMessageException("a CoMID reference triple is not [environment, [measurements]]");
            }
            List<String> base = new ArrayList<>();
            if (environment.get("0") instanceof Map<?, ?> classMap) {
                if (classMap.get("1") instanceof String vendor) {
                    base.add(vendor);
                }
                if (classMap.get("2") instanceof String model) {
                    base.add(model);
                }
            }
            for (Object measurement : measurements) {
                if (!(measurement instanceof Map<?, ?> m) || !(m.get("1") instanceof Map<?, ?> mval)) {
                    throw new InvalidMessageException("a CoMID measurement has no measurement values (key 1)");
                }
                List<String> path = new ArrayList<>(base);
                measuredElement(m.get("0")).ifPresent(path::add);
                if (mval.get("11") instanceof String name) {
                    path.add(name);
                }
                if (mval.get("8") instanceof String serial) {
                    path.add(serial);
                }
                if (mval.get("2") instanceof List<?> digests) {
                    ArrayNode hex = JsonNodeFactory.instance.arrayNode();
                    for (Object digest : digests) {
                        if (!(digest instanceof List<?> d) || d.size() != 2 || !(d.get(1) instanceof byte[] bytes)) {
                            throw new InvalidMessageException("a CoMID digest is not [algorithm, bytes]");
                        }
                        hex.add(HexFormat.of().formatHex(bytes));
                    }
                    out.add(new NamedValue(join(path, "digests"), hex));
                }
                if (mval.get("4") instanceof Cbor.Tagged raw && raw.tag() == TAG_RAW_BYTES && raw.value() instanceof byte[] bytes) {
                    out.add(new NamedValue(join(path, "raw_bytes"), TextNode.valueOf(HexFormat.of().formatHex(bytes))));
                }
            }
        }
        return out;
    }

    private static Optional<String> measuredElement(Object mkey) {
        if (mkey instanceof String text) {
            return Optional.of(text);
        }
        if (mkey instanceof BigInteger number && number.signum() >= 0) {
            return Optional.of("claim" + number);
        }
        if (mkey instanceof Cbor.Tagged tagged && tagged.tag() == TAG_UUID && tagged.value() instanceof byte[] bytes && bytes.length == 16) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return Optional.of(new UUID(buffer.getLong(), buffer.getLong()).toString());
        }
        return Optional.empty(); // other measured-element types do not name values
    }

    private static String join(List<String> path, String suffix) {
        List<String> all = new ArrayList<>(path);
        all.add(suffix);
        return String.join("/", all);
    }

    private static Optional<Instant> notAfter(Map<?, ?> corim) {
        if (corim.get("4") instanceof Map<?, ?> validity && validity.get("1") instanceof Cbor.Tagged time && time.tag() == 1
                && time.value() instanceof BigInteger seconds) {
            return Optional.of(Instant.ofEpochSecond(seconds.longValueExact()));
        }
        return Optional.empty();
    }

    private static Map<?, ?> corimMap(Object document) throws InvalidMessageException {
        Object inner = document instanceof Cbor.Tagged tagged && tagged.tag() == TAG_UNSIGNED_CORIM ? tagged.value() : document;
        if (!(inner instanceof Map<?, ?> map)) {
            throw new InvalidMessageException("not a CoRIM: expected an unsigned-corim-map (#6.501) or a signed CoRIM (#6.18)");
        }
        return map;
    }

    private static Object decode(byte[] cbor) throws InvalidMessageException {
        try {
            return Cbor.decode(cbor);
        } catch (IOException | RuntimeException e) {
            throw new InvalidMessageException("CoRIM is not well-formed CBOR: " + e.getMessage());
        }
    }

    /** Drops the leading #6.500/#6.502 wrappers some tools put around a CoRIM. */
    static byte[] stripOuterTags(byte[] data) {
        int offset = 0;
        while (data.length - offset >= 3 && (data[offset] & 0xff) == 0xd9) {
            int tag = ((data[offset + 1] & 0xff) << 8) | (data[offset + 2] & 0xff);
            if (tag != 500 && tag != 502) {
                break;
            }
            offset += 3;
        }
        return offset == 0 ? data : Arrays.copyOfRange(data, offset, data.length);
    }

    /** {@code sha256:<hex>} of the key's SubjectPublicKeyInfo. */
    static String fingerprint(PublicKey key) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
