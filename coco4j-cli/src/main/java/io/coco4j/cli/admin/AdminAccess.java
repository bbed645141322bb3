package io.coco4j.cli.admin;

import io.coco4j.kbs.admin.AdminKeyPair;
import io.coco4j.kbs.admin.AdminSigningKey;
import io.coco4j.kbs.admin.AdminTokenMinter;
import io.coco4j.kbs.http.TlsMaterial;
import io.coco4j.kbs.server.EmbeddedDefaults;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How an admin command reaches the KBS: its URL, a pinned certificate, and the credential — a
 * ready token, or an admin private key (by default the one a local {@code coco4j serve} generated)
 * from which a short-lived token is minted.
 */
public final class AdminAccess {

    @Option(names = "--url", required = true, paramLabel = "URL", description = "KBS base URL, e.g. https://127.0.0.1:8080")
    String url;

    @Option(names = "--admin-key", paramLabel = "FILE",
            description = "Admin private key (PEM); default: <data-dir>/admin/" + AdminKeyPair.PRIVATE_KEY_FILE)
    Path adminKey;

    @Option(names = "--token", paramLabel = "JWT", description = "A ready admin token instead of --admin-key")
    String token;

    @Option(names = "--role", defaultValue = AdminKeyPair.DEFAULT_ROLE, paramLabel = "ROLE",
            description = "Role claim of the minted token (default: ${DEFAULT-VALUE})")
    String role;

    @Option(names = "--kbs-cert", paramLabel = "PEM", description = "Trust only this KBS certificate or CA (HTTPS)")
    Path kbsCert;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "coco4j-data",
            description = "Data directory of a local KBS, where the default admin key is (default: ${DEFAULT-VALUE})")
    Path dataDir;

    /** A client for the admin API with these settings. */
    public AdminClient client() throws IOException {
        List<X509Certificate> pinned = kbsCert == null ? List.of() : TlsMaterial.readCertificates(kbsCert);
        return new AdminClient(url, credential(), pinned);
    }

    private String credential() throws IOException {
        if (token != null) {
            return token.trim();
        }
        Path key = adminKey != null ? adminKey : EmbeddedDefaults.adminPrivateKey(dataDir);
        if (!Files.isRegularFile(key)) {
            throw new IOException("no admin key at " + key + " (give --admin-key FILE or --token JWT)");
        }
        AdminSigningKey signingKey = AdminSigningKey.load(key);
        return AdminTokenMinter.mint(signingKey, role, Optional.empty(), Optional.empty(), Duration.ofMinutes(5), Instant.now());
    }
}
