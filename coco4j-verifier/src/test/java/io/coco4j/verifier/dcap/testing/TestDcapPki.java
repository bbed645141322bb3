package io.coco4j.verifier.dcap.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.tee.dcap.TeeType;
import io.coco4j.verifier.dcap.TrustedRootCa;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A throw-away copy of Intel's DCAP hierarchy for tests: a root (named like Intel's, but with a
 * key of the test's own), the PCK Platform CA, the TCB signing certificate, PCK certificates with
 * SGX extensions, CRLs and signed TCB info and QE identity. Only a verifier that pins this root
 * ({@link #trustedRoot()}) accepts what it signs.
 */
public final class TestDcapPki {

    public static final String ROOT_CN = "Intel SGX Root CA";
    public static final String PLATFORM_CA_CN = "Intel SGX PCK Platform CA";
    public static final String TCB_SIGNING_CN = "Intel SGX TCB Signing";
    private static final String SGX_EXTENSIONS = "1.2.840.113741.1.13.1";

    private final AtomicLong serials = new AtomicLong(100);
    private final Instant notBefore;
    private final Instant notAfter;
    final KeyPair rootKey;
    final KeyPair caKey;
    final KeyPair tcbKey;
    public final X509Certificate root;
    public final X509Certificate platformCa;
    public final X509Certificate tcbSigning;

    private TestDcapPki(Instant notBefore, Instant notAfter) throws GeneralSecurityException {
        this.notBefore = notBefore;
        this.notAfter = notAfter;
        rootKey = p256();
        caKey = p256();
        tcbKey = p256();
        root = certificate(ROOT_CN, rootKey.getPublic(), ROOT_CN, rootKey.getPrivate(), true, null);
        platformCa = certificate(PLATFORM_CA_CN, caKey.getPublic(), ROOT_CN, rootKey.getPrivate(), true, null);
        tcbSigning = certificate(TCB_SIGNING_CN, tcbKey.getPublic(), ROOT_CN, rootKey.getPrivate(), false, null);
    }

    /** A hierarchy whose certificates are valid from {@code notBefore} to {@code notAfter}. */
    public static TestDcapPki generate(Instant notBefore, Instant notAfter) {
        try {
            return new TestDcapPki(notBefore, notAfter);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Valid for a year around now. */
    public static TestDcapPki generate() {
        Instant now = Instant.now();
        return generate(now.minus(Duration.ofDays(180)), now.plus(Duration.ofDays(180)));
    }

    public TrustedRootCa trustedRoot() {
        return TrustedRootCa.pinned(root);
    }

    public static KeyPair p256() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    X509Certificate certificate(String subject, PublicKey key, String issuer, PrivateKey issuerKey, boolean ca, ASN1Sequence sgxExtensions)
            throws GeneralSecurityException {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuer + ",O=Intel Corporation,L=Santa Clara,ST=CA,C=US"),
                    BigInteger.valueOf(serials.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                    new X500Name("CN=" + subject + ",O=Intel Corporation,L=Santa Clara,ST=CA,C=US"), key);
            builder.addExtension(Extension.basicConstraints, true, ca ? new BasicConstraints(0) : new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                    : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            if (sgxExtensions != null) {
                builder.addExtension(new ASN1ObjectIdentifier(SGX_EXTENSIONS), false, sgxExtensions);
            }
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** A PCK certificate for a platform, with its SGX extensions. */
    public TestPlatform platform(byte[] fmspc, int[] components, int pceSvn) {
        try {
            KeyPair pckKey = p256();
            byte[] ppid = new byte[16];
            byte[] instance = new byte[16];
            new java.security.SecureRandom().nextBytes(ppid);
            new java.security.SecureRandom().nextBytes(instance);
            X509Certificate pck = certificate("Intel SGX PCK Certificate", pckKey.getPublic(), PLATFORM_CA_CN, caKey.getPrivate(), false,
                    sgxExtensions(ppid, components, pceSvn, fmspc, instance));
            return new TestPlatform(this, pck, pckKey, fmspc, components, pceSvn);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ASN1Sequence sgxExtensions(byte[] ppid, int[] components, int pceSvn, byte[] fmspc, byte[] instance) {
        ASN1EncodableVector tcb = new ASN1EncodableVector();
        for (int i = 0; i < 16; i++) {
            tcb.add(entry(".2." + (i + 1), new ASN1Integer(components[i])));
        }
        tcb.add(entry(".2.17", new ASN1Integer(pceSvn)));
        byte[] cpuSvn = new byte[16];
        for (int i = 0; i < 16; i++) {
            cpuSvn[i] = (byte) components[i];
        }
        tcb.add(entry(".2.18", new DEROctetString(cpuSvn)));
        ASN1EncodableVector configuration = new ASN1EncodableVector();
        configuration.add(entry(".7.1", ASN1Boolean.FALSE));
        configuration.add(entry(".7.2", ASN1Boolean.TRUE));
        configuration.add(entry(".7.3", ASN1Boolean.TRUE));
        ASN1EncodableVector top = new ASN1EncodableVector();
        top.add(entry(".1", new DEROctetString(ppid)));
        top.add(entry(".2", new DERSequence(tcb)));
        top.add(entry(".3", new DEROctetString(new byte[2])));
        top.add(entry(".4", new DEROctetString(fmspc)));
        top.add(entry(".5", new ASN1Enumerated(1)));
        top.add(entry(".6", new DEROctetString(instance)));
        top.add(entry(".7", new DERSequence(configuration)));
        return new DERSequence(top);
    }

    private static DERSequence entry(String suffix, org.bouncycastle.asn1.ASN1Encodable value) {
        return new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[]{new ASN1ObjectIdentifier(SGX_EXTENSIONS + suffix), value});
    }

    /** A DER CRL by {@code issuer}, valid from {@code thisUpdate} to {@code nextUpdate}, revoking {@code serials}. */
    public byte[] crl(X509Certificate issuer, PrivateKey key, Instant thisUpdate, Instant nextUpdate, BigInteger... revoked) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.ONE));
            for (BigInteger serial : revoked) {
                builder.addCRLEntry(serial, Date.from(thisUpdate), CRLReason.keyCompromise);
            }
            X509CRLHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key));
            return holder.getEncoded();
        } catch (IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] pckCrl(Instant thisUpdate, Instant nextUpdate, BigInteger... revoked) {
        return crl(platformCa, caKey.getPrivate(), thisUpdate, nextUpdate, revoked);
    }

    public byte[] rootCaCrl(Instant thisUpdate, Instant nextUpdate, BigInteger... revoked) {
        return crl(root, rootKey.getPrivate(), thisUpdate, nextUpdate, revoked);
    }

    /** ECDSA-P256/SHA-256 as raw {@code r || s}. */
    public static byte[] signRaw(PrivateKey key, byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(key);
            signature.update(data);
            ASN1Sequence der = ASN1Sequence.getInstance(signature.sign());
            byte[] out = new byte[64];
            copy(((ASN1Integer) der.getObjectAt(0)).getValue(), out, 0);
            copy(((ASN1Integer) der.getObjectAt(1)).getValue(), out, 32);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static void copy(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        int from = Math.max(0, bytes.length - 32);
        System.arraycopy(bytes, from, out, offset + 32 - (bytes.length - from), bytes.length - from);
    }

    public static String pem(X509Certificate... certificates) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                out.append("-----BEGIN CERTIFICATE-----\n")
                        .append(Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.toString();
    }

    /** A PCS response body {@code {"<member>":<body>,"signature":"<hex>"}} signed by the TCB signing key. */
    public byte[] signedResponse(String member, ObjectNode body) {
        byte[] signed = Json.writeBytes(body);
        String signature = HexFormat.of().formatHex(signRaw(tcbKey.getPrivate(), signed));
        return ("{\"" + member + "\":" + new String(signed, StandardCharsets.UTF_8) + ",\"signature\":\"" + signature + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** TDX TCB info v3 for one FMSPC with one UpToDate level at the platform's SVNs and one module identity. */
    public ObjectNode tdxTcbInfo(byte[] fmspc, int[] sgxComponents, int pceSvn, int[] tdxComponents, String status,
                                 List<String> advisories, Instant issued, Instant nextUpdate) {
        return tcbInfo(TeeType.TDX, fmspc, sgxComponents, pceSvn, tdxComponents, status, advisories, issued, nextUpdate);
    }

    /** SGX TCB info v3 for one FMSPC with one level, of the given status, at the platform's SVNs. */
    public ObjectNode sgxTcbInfo(byte[] fmspc, int[] sgxComponents, int pceSvn, String status, List<String> advisories,
                                 Instant issued, Instant nextUpdate) {
        return tcbInfo(TeeType.SGX, fmspc, sgxComponents, pceSvn, null, status, advisories, issued, nextUpdate);
    }

    private ObjectNode tcbInfo(TeeType tee, byte[] fmspc, int[] sgxComponents, int pceSvn, int[] tdxComponents, String status,
                               List<String> advisories, Instant issued, Instant nextUpdate) {
        boolean tdx = tee == TeeType.TDX;
        ObjectNode info = Json.mapper().createObjectNode();
        info.put("id", tdx ? "TDX" : "SGX");
        info.put("version", 3);
        info.put("issueDate", issued.toString());
        info.put("nextUpdate", nextUpdate.toString());
        info.put("fmspc", HexFormat.of().withUpperCase().formatHex(fmspc));
        info.put("pceId", "0000");
        info.put("tcbType", 0);
        info.put("tcbEvaluationDataNumber", 17);
        if (tdx) {
            ObjectNode module = info.putObject("tdxModule");
            module.put("mrsigner", "0".repeat(96));
            module.put("attributes", "0000000000000000");
            module.put("attributesMask", "FFFFFFFFFFFFFFFF");
            ObjectNode identity = info.putArray("tdxModuleIdentities").addObject();
            identity.put("id", "TDX_01");
            identity.put("mrsigner", "0".repeat(96));
            identity.put("attributes", "0000000000000000");
            identity.put("attributesMask", "FFFFFFFFFFFFFFFF");
            ObjectNode moduleLevel = identity.putArray("tcbLevels").addObject();
            moduleLevel.putObject("tcb").put("isvsvn", 2);
            moduleLevel.put("tcbDate", "2024-03-13T00:00:00Z");
            moduleLevel.put("tcbStatus", "UpToDate");
        }
        ObjectNode level = info.putArray("tcbLevels").addObject();
        ObjectNode tcb = level.putObject("tcb");
        components(tcb.putArray("sgxtcbcomponents"), sgxComponents);
        tcb.put("pcesvn", pceSvn);
        if (tdx) {
            components(tcb.putArray("tdxtcbcomponents"), tdxComponents);
        }
        level.put("tcbDate", "2024-03-13T00:00:00Z");
        level.put("tcbStatus", status);
        if (!advisories.isEmpty()) {
            advisories.forEach(level.putArray("advisoryIDs")::add);
        }
        return info;
    }

    private static void components(ArrayNode array, int[] svns) {
        for (int svn : svns) {
            array.addObject().put("svn", svn);
        }
    }

    /** The TD_QE identity for the test QE ({@link TestPlatform#QE_MRSIGNER}, ISVPRODID 2, ISVSVN 4 UpToDate). */
    public ObjectNode tdQeIdentity(Instant issued, Instant nextUpdate) {
        return qeIdentity("TD_QE", issued, nextUpdate);
    }

    /** The same identity as the SGX quoting enclave's ({@code QE}). */
    public ObjectNode sgxQeIdentity(Instant issued, Instant nextUpdate) {
        return qeIdentity("QE", issued, nextUpdate);
    }

    private ObjectNode qeIdentity(String id, Instant issued, Instant nextUpdate) {
        ObjectNode identity = Json.mapper().createObjectNode();
        identity.put("id", id);
        identity.put("version", 2);
        identity.put("issueDate", issued.toString());
        identity.put("nextUpdate", nextUpdate.toString());
        identity.put("tcbEvaluationDataNumber", 17);
        identity.put("miscselect", "00000000");
        identity.put("miscselectMask", "FFFFFFFF");
        identity.put("attributes", "11000000000000000000000000000000");
        identity.put("attributesMask", "FBFFFFFFFFFFFFFF0000000000000000");
        identity.put("mrsigner", HexFormat.of().withUpperCase().formatHex(TestPlatform.QE_MRSIGNER));
        identity.put("isvprodid", 2);
        ObjectNode level = identity.putArray("tcbLevels").addObject();
        level.putObject("tcb").put("isvsvn", 4);
        level.put("tcbDate", "2024-03-13T00:00:00Z");
        level.put("tcbStatus", "UpToDate");
        return identity;
    }

    /** Writes a complete TDX collateral directory for {@code platform}: everything valid from {@code issued} to {@code nextUpdate}. */
    public void writeTdxCollateral(Path dir, TestPlatform platform, String status, List<String> advisories, Instant issued,
                                   Instant nextUpdate, BigInteger... revokedPcks) throws IOException {
        writeCollateral(dir, "tdx", tdxTcbInfo(platform.fmspc(), platform.components(), platform.pceSvn(), TestPlatform.TDX_COMPONENTS, status,
                advisories, issued, nextUpdate), tdQeIdentity(issued, nextUpdate), platform, issued, nextUpdate, revokedPcks);
    }

    /** The same for SGX quotes of {@code platform}. */
    public void writeSgxCollateral(Path dir, TestPlatform platform, String status, List<String> advisories, Instant issued,
                                   Instant nextUpdate, BigInteger... revokedPcks) throws IOException {
        writeCollateral(dir, "sgx", sgxTcbInfo(platform.fmspc(), platform.components(), platform.pceSvn(), status, advisories, issued, nextUpdate),
                sgxQeIdentity(issued, nextUpdate), platform, issued, nextUpdate, revokedPcks);
    }

    private void writeCollateral(Path dir, String tee, ObjectNode tcbInfo, ObjectNode qeIdentity, TestPlatform platform, Instant issued,
                                 Instant nextUpdate, BigInteger... revokedPcks) throws IOException {
        String fmspc = HexFormat.of().withUpperCase().formatHex(platform.fmspc());
        String chain = pem(tcbSigning, root);
        write(dir.resolve(tee + "/tcb/" + fmspc + ".json"), signedResponse("tcbInfo", tcbInfo));
        write(dir.resolve(tee + "/tcb/" + fmspc + ".issuer-chain.pem"), chain.getBytes(StandardCharsets.US_ASCII));
        write(dir.resolve(tee + "/qe-identity.json"), signedResponse("enclaveIdentity", qeIdentity));
        write(dir.resolve(tee + "/qe-identity.issuer-chain.pem"), chain.getBytes(StandardCharsets.US_ASCII));
        write(dir.resolve("pckcrl/platform.crl"), pckCrl(issued, nextUpdate, revokedPcks));
        write(dir.resolve("pckcrl/platform.issuer-chain.pem"), pem(platformCa, root).getBytes(StandardCharsets.US_ASCII));
        write(dir.resolve("rootcacrl.crl"), rootCaCrl(issued, nextUpdate));
    }

    static void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    /** The TEE that collateral written here is for. */
    public static TeeType tee() {
        return TeeType.TDX;
    }

    static List<X509Certificate> list(X509Certificate... certificates) {
        return new ArrayList<>(List.of(certificates));
    }
}
