package io.coco4j.kbs.server;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** Self-signed certificates for the embedded defaults: the HTTPS listener and the token signer. */
public final class SelfSignedCertificate {

    private SelfSignedCertificate() {
    }

    /**
     * A self-signed certificate for an EC key.
     *
     * @param subject   e.g. {@code CN=coco4j KBS}
     * @param hostNames DNS names and IP literals for the subjectAltName (empty for a signing certificate)
     */
    public static X509Certificate create(KeyPair keyPair, String subject, List<String> hostNames, Duration validity)
            throws GeneralSecurityException {
        Instant now = Instant.now();
        X500Name name = new X500Name(subject);
        BigInteger serial = new BigInteger(127, new SecureRandom());
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial,
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), name, keyPair.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(hostNames.isEmpty()));
            if (hostNames.isEmpty()) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
            } else {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                List<GeneralName> names = new ArrayList<>();
                for (String host : hostNames) {
                    boolean ip = host.matches("[0-9.]+") || host.contains(":");
                    names.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, host));
                }
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])));
            }
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException | java.io.IOException e) {
            throw new GeneralSecurityException("cannot create a self-signed certificate: " + e.getMessage(), e);
        }
    }
}
