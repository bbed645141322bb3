package io.coco4j.verifier.dcap;

import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;

import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The Intel SGX extensions of a PCK certificate (OID 1.2.840.113741.1.13.1, "Intel SGX PCK
 * Certificate and CRL Profile"): PPID, the TCB (16 SGX component SVNs, PCESVN, CPUSVN), PCE-ID,
 * FMSPC, SGX type and, in Platform-CA certificates, the platform instance ID and configuration.
 */
public record PckExtensions(byte[] ppid, int[] tcbComponents, int pceSvn, byte[] cpuSvn, byte[] pceId, byte[] fmspc,
                            int sgxType, Optional<byte[]> platformInstanceId, Optional<Boolean> dynamicPlatform,
                            Optional<Boolean> cachedKeys, Optional<Boolean> smtEnabled) {

    public static final String SGX_EXTENSIONS_OID = "1.2.840.113741.1.13.1";

    public PckExtensions {
        ppid = ppid.clone();
        tcbComponents = tcbComponents.clone();
        cpuSvn = cpuSvn.clone();
        pceId = pceId.clone();
        fmspc = fmspc.clone();
        platformInstanceId = platformInstanceId.map(byte[]::clone);
    }

    @Override
    public byte[] ppid() {
        return ppid.clone();
    }

    @Override
    public int[] tcbComponents() {
        return tcbComponents.clone();
    }

    @Override
    public byte[] cpuSvn() {
        return cpuSvn.clone();
    }

    @Override
    public byte[] pceId() {
        return pceId.clone();
    }

    @Override
    public byte[] fmspc() {
        return fmspc.clone();
    }

    @Override
    public Optional<byte[]> platformInstanceId() {
        return platformInstanceId.map(byte[]::clone);
    }

    /** FMSPC in upper-case hex, as PCS names it. */
    public String fmspcHex() {
        return HexFormat.of().withUpperCase().formatHex(fmspc);
    }

    /** Parses the extensions of {@code certificate}. */
    public static PckExtensions of(X509Certificate certificate) throws PckChainException {
        byte[] value = certificate.getExtensionValue(SGX_EXTENSIONS_OID);
        if (value == null) {
            throw new PckChainException("the PCK certificate has no Intel SGX extensions (" + SGX_EXTENSIONS_OID + ")");
        }
        try {
            ASN1Sequence sequence = ASN1Sequence.getInstance(ASN1OctetString.getInstance(value).getOctets());
            Map<String, ASN1Encodable> top = entries(sequence);
            Map<String, ASN1Encodable> tcb = entries(ASN1Sequence.getInstance(required(top, ".2")));
            int[] components = new int[16];
            for (int i = 0; i < 16; i++) {
                components[i] = integer(required(tcb, ".2." + (i + 1)), 0xFF);
            }
            int pceSvn = integer(required(tcb, ".2.17"), 0xFFFF);
            byte[] cpuSvn = octets(required(tcb, ".2.18"), 16);
            Optional<byte[]> instance = Optional.ofNullable(top.get(".6")).map(v -> octetsUnchecked(v));
            Optional<Boolean> dynamic = Optional.empty();
            Optional<Boolean> cached = Optional.empty();
            Optional<Boolean> smt = Optional.empty();
            ASN1Encodable configuration = top.get(".7");
            if (configuration != null) {
                Map<String, ASN1Encodable> config = entries(ASN1Sequence.getInstance(configuration));
                dynamic = Optional.ofNullable(config.get(".7.1")).map(v -> ASN1Boolean.getInstance(v).isTrue());
                cached = Optional.ofNullable(config.get(".7.2")).map(v -> ASN1Boolean.getInstance(v).isTrue());
                smt = Optional.ofNullable(config.get(".7.3")).map(v -> ASN1Boolean.getInstance(v).isTrue());
            }
            if (instance.isPresent() && instance.get().length != 16) {
                throw new PckChainException("the PCK platform instance ID is not 16 bytes");
            }
            return new PckExtensions(octets(required(top, ".1"), 16), components, pceSvn, cpuSvn,
                    octets(required(top, ".3"), 2), octets(required(top, ".4"), 6),
                    ASN1Enumerated.getInstance(required(top, ".5")).intValueExact(), instance, dynamic, cached, smt);
        } catch (IllegalArgumentException | ClassCastException | ArithmeticException e) {
            throw new PckChainException("the PCK certificate's Intel SGX extensions are malformed: " + e.getMessage());
        }
    }

    /** {@code SEQUENCE OF SEQUENCE {OID, value}} keyed by the OID's suffix after the SGX extensions arc. */
    private static Map<String, ASN1Encodable> entries(ASN1Sequence sequence) {
        Map<String, ASN1Encodable> out = new HashMap<>();
        for (ASN1Encodable element : sequence) {
            ASN1Sequence pair = ASN1Sequence.getInstance(element);
            String oid = ASN1ObjectIdentifier.getInstance(pair.getObjectAt(0)).getId();
            if (oid.startsWith(SGX_EXTENSIONS_OID + ".")) {
                out.put(oid.substring(SGX_EXTENSIONS_OID.length()), pair.getObjectAt(1));
            }
        }
        return out;
    }

    private static ASN1Encodable required(Map<String, ASN1Encodable> entries, String suffix) throws PckChainException {
        ASN1Encodable value = entries.get(suffix);
        if (value == null) {
            throw new PckChainException("the PCK certificate's Intel SGX extensions lack " + SGX_EXTENSIONS_OID + suffix);
        }
        return value;
    }

    private static int integer(ASN1Encodable value, int max) throws PckChainException {
        int result = ASN1Integer.getInstance(value).intValueExact();
        if (result < 0 || result > max) {
            throw new PckChainException("PCK TCB value " + result + " is out of range");
        }
        return result;
    }

    private static byte[] octets(ASN1Encodable value, int size) throws PckChainException {
        byte[] octets = ASN1OctetString.getInstance(value).getOctets();
        if (octets.length != size) {
            throw new PckChainException("a PCK extension field is " + octets.length + " bytes where " + size + " are expected");
        }
        return octets;
    }

    private static byte[] octetsUnchecked(ASN1Encodable value) {
        return ASN1OctetString.getInstance(value).getOctets();
    }
}
