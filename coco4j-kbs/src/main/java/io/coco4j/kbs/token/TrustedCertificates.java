package io.coco4j.kbs.token;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The certificates of {@code trusted_certs_paths}. As with OpenSSL's default verification, only the
 * self-signed ones are trust anchors (a chain must end at one of them); the others may serve as
 * intermediates but never end a chain themselves.
 *
 * @param roots         self-signed certificates whose signature verifies under their own key
 * @param intermediates the remaining trusted certificates
 */
public record TrustedCertificates(List<X509Certificate> roots, List<X509Certificate> intermediates) {

    public TrustedCertificates {
        roots = List.copyOf(roots);
        intermediates = List.copyOf(intermediates);
    }

    public static TrustedCertificates none() {
        return new TrustedCertificates(List.of(), List.of());
    }

    public boolean isEmpty() {
        return roots.isEmpty() && intermediates.isEmpty();
    }

    /** Sorts certificates into roots and intermediates. */
    public static TrustedCertificates of(Collection<X509Certificate> certificates) {
        List<X509Certificate> roots = new ArrayList<>();
        List<X509Certificate> others = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            (isSelfSigned(certificate) ? roots : others).add(certificate);
        }
        return new TrustedCertificates(roots, others);
    }

    /** Reads every PEM certificate of every file; a file without certificates is an error. */
    public static TrustedCertificates load(List<Path> files) throws TokenVerifierInitializationException {
        List<X509Certificate> all = new ArrayList<>();
        for (Path file : files) {
            all.addAll(readPem(file));
        }
        return of(all);
    }

    static List<X509Certificate> readPem(Path file) throws TokenVerifierInitializationException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> out = new ArrayList<>();
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) certificate);
            }
            if (out.isEmpty()) {
                throw new TokenVerifierInitializationException("trusted certificate file " + file
                        + " holds no PEM certificate");
            }
            return out;
        } catch (IOException e) {
            throw new TokenVerifierInitializationException("cannot read trusted certificate file " + file + ": "
                    + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new TokenVerifierInitializationException("trusted certificate file " + file
                    + " is not PEM certificates: " + e.getMessage(), e);
        }
    }

    static boolean isSelfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
