package io.coco4j.verifier.snp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.tee.snp.Cpuid;
import io.coco4j.protocol.tee.snp.SnpCertEntry;
import io.coco4j.protocol.tee.snp.SnpCertType;
import io.coco4j.protocol.tee.snp.SnpEvidence;
import io.coco4j.protocol.tee.snp.SnpPolicy;
import io.coco4j.protocol.tee.snp.SnpProduct;
import io.coco4j.protocol.tee.snp.SnpReport;
import io.coco4j.protocol.tee.snp.SnpSignature;
import io.coco4j.protocol.tee.snp.TcbVersion;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * A test "AMD": an ARK → ASK → VCEK chain generated with BouncyCastle in the shape of AMD's (RSA
 * roots signing with RSASSA-PSS/SHA-384, an ECDSA P-384 VCEK carrying the SPL, hwID and product
 * extensions), and a guest that signs SNP reports with the VCEK. A verifier trusts it only through
 * {@link #pins()}.
 */
public final class TestSnpPlatform {

    public static final Instant NOT_BEFORE = Instant.parse("2024-01-01T00:00:00Z");
    public static final Instant NOT_AFTER = Instant.parse("2044-01-01T00:00:00Z");
    private static final String PSS = "SHA384withRSAandMGF1";
    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private final SnpProduct product;
    private final KeyPair arkKeys;
    private final KeyPair askKeys;
    private final X509Certificate ark;
    private final X509Certificate ask;
    private final byte[] chipId;

    private TestSnpPlatform(SnpProduct product, KeyPair arkKeys, KeyPair askKeys, X509Certificate ark, X509Certificate ask, byte[] chipId) {
        this.product = product;
        this.arkKeys = arkKeys;
        this.askKeys = askKeys;
        this.ark = ark;
        this.ask = ask;
        this.chipId = chipId;
    }

    /** A new root, intermediate and chip for {@code product}. */
    public static TestSnpPlatform generate(SnpProduct product) throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair arkKeys = rsa.generateKeyPair();
        KeyPair askKeys = rsa.generateKeyPair();
        X500Name arkName = name("ARK-" + product.kdsName());
        X500Name askName = name("SEV-" + product.kdsName());
        X509Certificate ark = sign(new JcaX509v3CertificateBuilder(arkName, BigInteger.ZERO, Date.from(NOT_BEFORE), Date.from(NOT_AFTER),
                arkName, arkKeys.getPublic()), arkKeys.getPrivate());
        X509Certificate ask = sign(new JcaX509v3CertificateBuilder(arkName, BigInteger.ONE, Date.from(NOT_BEFORE), Date.from(NOT_AFTER),
                askName, askKeys.getPublic()), arkKeys.getPrivate());
        byte[] chipId = new byte[64];
        new SecureRandom().nextBytes(chipId);
        return new TestSnpPlatform(product, arkKeys, askKeys, ark, ask, chipId);
    }

    private static X500Name name(String cn) {
        return new X500Name("CN=" + cn + ", O=Test Micro Devices, C=US");
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey issuer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(PSS).setProvider(BC).build(issuer)));
    }

    public SnpProduct product() {
        return product;
    }

    public X509Certificate ark() {
        return ark;
    }

    public X509Certificate ask() {
        return ask;
    }

    public byte[] chipId() {
        return chipId.clone();
    }

    /** Pins this platform's root for its product: what a test verifier trusts instead of AMD. */
    public ArkPins pins() {
        return ArkPins.of(product, ark);
    }

    /** A CRL signed by the ARK listing the given certificates (issued by the ARK). */
    public X509CRL crlRevoking(X509Certificate... revoked) throws Exception {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(name("ARK-" + product.kdsName()), Date.from(NOT_BEFORE.plus(Duration.ofDays(1))));
        builder.setNextUpdate(Date.from(NOT_AFTER));
        for (X509Certificate cert : revoked) {
            builder.addCRLEntry(cert.getSerialNumber(), Date.from(NOT_BEFORE.plus(Duration.ofDays(1))), 0);
        }
        return new JcaX509CRLConverter().getCRL(builder.build(new JcaContentSignerBuilder(PSS).setProvider(BC).build(arkKeys.getPrivate())));
    }

    /** A chip key (VCEK) for a TCB, issued by the ASK. */
    public Vcek vcek(TcbVersion tcb) throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair keys = ec.generateKeyPair();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name("SEV-" + product.kdsName()), BigInteger.ZERO,
                Date.from(NOT_BEFORE), Date.from(NOT_AFTER), name("SEV-VCEK"), keys.getPublic());
        builder.addExtension(new ASN1ObjectIdentifier(VekCertificate.OID_PRODUCT_NAME), false, new DERIA5String(product.kdsName() + "-B0"));
        builder.addExtension(new ASN1ObjectIdentifier(VekCertificate.OID_BL_SPL), false, new ASN1Integer(tcb.bootloader()));
        builder.addExtension(new ASN1ObjectIdentifier(VekCertificate.OID_TEE_SPL), false, new ASN1Integer(tcb.tee()));
        builder.addExtension(new ASN1ObjectIdentifier(VekCertificate.OID_SNP_SPL), false, new ASN1Integer(tcb.snp()));
        builder.addExtension(new ASN1ObjectIdentifier(VekCertificate.OID_UCODE_SPL), false, new ASN1Integer(tcb.microcode()));
        if (tcb.fmc().isPresent()) {
            builder.addExtension(new ASN1ObjectIdentifier(VekCertificate.OID_FMC_SPL), false, new ASN1Integer(tcb.fmc().getAsInt()));
        }
        builder.addExtension(new ASN1ObjectIdentifier(VekCertificate.OID_HW_ID), false,
                new DEROctetString(product == SnpProduct.TURIN ? java.util.Arrays.copyOf(chipId, 8) : chipId));
        return new Vcek(sign(builder, askKeys.getPrivate()), keys.getPrivate(), tcb);
    }

    /** A VCEK with its private key: the guest side of the platform. */
    public final class Vcek {
        private final X509Certificate certificate;
        private final PrivateKey key;
        private final TcbVersion tcb;

        Vcek(X509Certificate certificate, PrivateKey key, TcbVersion tcb) {
            this.certificate = certificate;
            this.key = key;
            this.tcb = tcb;
        }

        public X509Certificate certificate() {
            return certificate;
        }

        public PublicKey publicKey() {
            return certificate.getPublicKey();
        }

        /** A report preset for this chip and TCB: version 3, this product's CPUID, VMPL 0, policy with SMT allowed. */
        public SnpReport.Builder report() {
            Cpuid cpuid = switch (product) {
                case MILAN -> new Cpuid(0x19, 0x01, 0x01);
                case GENOA -> new Cpuid(0x19, 0x11, 0x01);
                case TURIN -> new Cpuid(0x1A, 0x02, 0x01);
            };
            return SnpReport.builder().version(3).cpuid(cpuid).chipId(chipId).allTcbs(tcb)
                    .policy(new SnpPolicy((1L << SnpPolicy.SMT_BIT) | (1L << SnpPolicy.RESERVED_MUST_BE_ONE_BIT)));
        }

        /** Signs the report's first 0x2A0 bytes with the VCEK, as the firmware does. */
        public SnpReport sign(SnpReport.Builder report) throws Exception {
            SnpReport unsigned = report.build();
            Signature signer = Signature.getInstance("SHA384withECDSA");
            signer.initSign(key);
            signer.update(unsigned.signedBytes());
            return unsigned.toBuilder().signature(SnpSignature.fromDer(signer.sign())).build();
        }

        /** The evidence a guest sends, with VCEK, ASK and ARK in the certificate table. */
        public ObjectNode evidence(SnpReport report) throws Exception {
            return new SnpEvidence(report, Optional.of(List.of(
                    new SnpCertEntry(SnpCertType.VCEK, certificate.getEncoded()),
                    new SnpCertEntry(SnpCertType.ASK, ask.getEncoded()),
                    new SnpCertEntry(SnpCertType.ARK, ark.getEncoded())))).toJson();
        }
    }
}
