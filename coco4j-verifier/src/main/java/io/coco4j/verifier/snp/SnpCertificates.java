package io.coco4j.verifier.snp;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads certificates and CRLs in either DER or PEM (one or several). AMD certificates often
 * carry serial number 0, which RFC 5280 forbids; the JDK's parser accepts them, as it must here.
 */
public final class SnpCertificates {

    private SnpCertificates() {
    }

    public static List<X509Certificate> readAll(byte[] derOrPem) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        Collection<? extends java.security.cert.Certificate> certs = factory.generateCertificates(new ByteArrayInputStream(derOrPem));
        List<X509Certificate> out = new ArrayList<>();
        for (var cert : certs) {
            out.add((X509Certificate) cert);
        }
        if (out.isEmpty()) {
            throw new CertificateException("no certificate found");
        }
        return out;
    }

    public static X509Certificate readOne(byte[] derOrPem) throws CertificateException {
        List<X509Certificate> all = readAll(derOrPem);
        if (all.size() != 1) {
            throw new CertificateException("expected one certificate, found " + all.size());
        }
        return all.get(0);
    }

    public static X509CRL readCrl(byte[] derOrPem) throws CRLException {
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(derOrPem));
        } catch (CertificateException e) {
            throw new CRLException(e);
        }
    }

    /** PEM text of certificates, for files the fetcher writes. */
    public static String toPem(List<X509Certificate> certs) throws CertificateException {
        StringBuilder out = new StringBuilder();
        java.util.Base64.Encoder encoder = java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        for (X509Certificate cert : certs) {
            out.append("-----BEGIN CERTIFICATE-----\n").append(encoder.encodeToString(cert.getEncoded())).append("\n-----END CERTIFICATE-----\n");
        }
        return out.toString();
    }

    /** The CN of the subject, or "" when absent. */
    static String commonName(X509Certificate cert) {
        return commonName(cert.getSubjectX500Principal());
    }

    static String commonName(javax.security.auth.x500.X500Principal principal) {
        try {
            javax.naming.ldap.LdapName name = new javax.naming.ldap.LdapName(principal.getName());
            for (javax.naming.ldap.Rdn rdn : name.getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (javax.naming.InvalidNameException e) {
            return "";
        }
        return "";
    }
}
