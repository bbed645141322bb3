package io.coco4j.fuzz;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

/**
 * Certificates with fixed names, serials and validity (2020 to 2040) over fixed keys, so that a
 * fuzz target and the seeds built for it agree on a trust anchor without sharing files.
 */
public final class FixedCertificates {

    private static final Date NOT_BEFORE = Date.from(Instant.parse("2020-01-01T00:00:00Z"));
    private static final Date NOT_AFTER = Date.from(Instant.parse("2040-01-01T00:00:00Z"));

    private FixedCertificates() {
    }

    public static X509Certificate root(KeyPair keys, String commonName) throws Exception {
        return issue(keys, commonName, keys.getPublic(), commonName, true);
    }

    public static X509Certificate leaf(KeyPair issuer, String issuerName, PublicKey subject, String commonName) throws Exception {
        return issue(issuer, issuerName, subject, commonName, false);
    }

    private static X509Certificate issue(KeyPair issuer, String issuerName, PublicKey subject, String commonName, boolean ca)
            throws Exception {
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuerName),
                BigInteger.valueOf(ca ? 1 : 2), NOT_BEFORE, NOT_AFTER, new X500Name("CN=" + commonName), subject);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    }
}
