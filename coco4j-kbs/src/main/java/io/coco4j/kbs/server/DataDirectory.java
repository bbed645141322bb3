package io.coco4j.kbs.server;

import io.coco4j.kbs.http.TlsMaterial;
import io.coco4j.protocol.crypto.CryptoProviders;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one directory that holds an embedded KBS's state when no configuration file says otherwise:
 * storage ({@code storage.sqlite}; {@code storage/} in the LocalFs layout for directories made by
 * earlier versions), the reference-value database, the HTTPS key and certificate, the
 * attestation-token signing key and certificate, and the administrator key pair. Missing keys are
 * generated on first start and reused afterwards.
 */
public final class DataDirectory {

    private final Path root;

    public DataDirectory(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        Files.createDirectories(this.root);
    }

    public Path root() {
        return root;
    }

    /** The LocalFs storage directory of data directories made before the SQLite default. */
    public Path storage() {
        return root.resolve("storage");
    }

    /** The embedded storage database (SQLite): resources, policies and the audit log. */
    public Path storageDatabase() {
        return root.resolve("storage.sqlite");
    }

    /** The embedded reference-value store (SQLite). */
    public Path rvpsDatabase() {
        return root.resolve("rvps.sqlite");
    }

    public Path tlsKey() {
        return root.resolve("tls").resolve("kbs.key");
    }

    public Path tlsCertificate() {
        return root.resolve("tls").resolve("kbs.crt");
    }

    public Path tokenSignerKey() {
        return root.resolve("token").resolve("signer.key");
    }

    public Path tokenSignerCertificate() {
        return root.resolve("token").resolve("signer.crt");
    }

    public Path adminDirectory() {
        return root.resolve("admin");
    }

    /** The HTTPS key and self-signed certificate, generated on first use (EC P-256, one year). */
    public TlsMaterial tls() throws IOException, GeneralSecurityException {
        if (!PemFiles.allExist(List.of(tlsKey(), tlsCertificate()))) {
            List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1", "::1"));
            try {
                String host = InetAddress.getLocalHost().getHostName();
                if (!names.contains(host)) {
                    names.add(host);
                }
            } catch (IOException ignored) {
                // no resolvable host name: loopback names only
            }
            generate(tlsKey(), tlsCertificate(), "CN=coco4j KBS", names, Duration.ofDays(365));
        }
        return TlsMaterial.fromPem(tlsKey(), tlsCertificate());
    }

    /** The token-signing key and its self-signed certificate (the KBS's trust anchor for its own tokens). */
    public void ensureTokenSigner() throws IOException, GeneralSecurityException {
        if (!PemFiles.allExist(List.of(tokenSignerKey(), tokenSignerCertificate()))) {
            generate(tokenSignerKey(), tokenSignerCertificate(), "CN=coco4j attestation token signer", List.of(),
                    Duration.ofDays(3650));
        }
    }

    private static void generate(Path keyFile, Path certificateFile, String subject, List<String> hostNames, Duration validity)
            throws IOException, GeneralSecurityException {
        KeyPair keyPair = CryptoProviders.get().generateEcKeyPair("secp256r1");
        X509Certificate certificate = SelfSignedCertificate.create(keyPair, subject, hostNames, validity);
        PemFiles.writePrivate(keyFile, PemFiles.toPem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(keyPair.getPrivate(), null)));
        PemFiles.writePublic(certificateFile, PemFiles.toPem(certificate));
    }
}
