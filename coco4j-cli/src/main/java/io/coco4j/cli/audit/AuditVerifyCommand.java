package io.coco4j.cli.audit;

import io.coco4j.kbs.audit.AuditVerifier;
import io.coco4j.kbs.config.KbsConfig;
import io.coco4j.kbs.config.KbsConfigLoader;
import io.coco4j.kbs.config.StorageBackendConfig;
import io.coco4j.kbs.config.TokenBrokerConfig;
import io.coco4j.kbs.http.TlsMaterial;
import io.coco4j.kbs.server.DataDirectory;
import io.coco4j.kbs.server.EmbeddedDefaults;
import io.coco4j.kbs.server.StorageBackends;
import io.coco4j.kbs.server.TokenSigners;
import io.coco4j.storage.StorageBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code coco4j audit verify}: walks the audit log in the KBS's storage and checks the hash chain
 * and the signed checkpoints. Exit 0 when intact, 1 when something was changed, removed, reordered
 * or truncated, 2 when the log cannot be read.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check the audit log: every record present and linked to the one before, every checkpoint signed "
                + "by the token-signing key over a record that exists.",
                "Reads the storage of --config (the KBS's kbs-config.toml) or, without it, of --data-dir."})
public final class AuditVerifyCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "The KBS's kbs-config.toml: its storage and token signer")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "coco4j-data",
            description = "The data directory (storage without --config; the token signer when the config names none) (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--public-key", paramLabel = "PEM",
            description = "Trust checkpoints signed by this key (a PEM certificate or public key; repeatable) instead of the KBS's signer")
    List<Path> publicKeys = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AuditVerifier.Report report;
        try {
            DataDirectory data = new DataDirectory(dataDir);
            StorageBackendConfig storageConfig;
            TokenBrokerConfig broker;
            if (config != null) {
                KbsConfig kbs = KbsConfigLoader.load(config).config();
                storageConfig = kbs.storageBackend();
                broker = kbs.attestationService().tokenBroker();
            } else {
                storageConfig = EmbeddedDefaults.storage(data);
                broker = TokenBrokerConfig.defaults();
            }
            List<ECPublicKey> trusted = publicKeys.isEmpty()
                    ? List.of(TokenSigners.publicKey(TokenSigners.settings(broker, data, false)))
                    : readKeys(publicKeys);
            try (StorageBackend storage = StorageBackends.open(storageConfig, System.getenv())) {
                report = AuditVerifier.verify(storage, trusted);
            }
        } catch (Exception e) {
            err.println("coco4j audit verify: " + e.getMessage());
            return 2;
        }
        out.println("records: " + report.records() + ", checkpoints: " + report.checkpoints()
                + ", signed up to record " + report.lastCheckpoint());
        if (report.unsignedTail() > 0) {
            out.println("records after the last checkpoint (covered by the hash chain only): " + report.unsignedTail());
        }
        out.println("head: record " + report.records() + ", SHA-384 " + report.headHash());
        if (report.intact()) {
            out.println("intact");
            return 0;
        }
        for (String problem : report.problems()) {
            out.println("TAMPERED: " + problem);
        }
        return 1;
    }

    private static List<ECPublicKey> readKeys(List<Path> files) throws Exception {
        List<ECPublicKey> keys = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file);
            PublicKey key;
            if (text.contains("BEGIN CERTIFICATE")) {
                X509Certificate certificate = TlsMaterial.readCertificates(file).get(0);
                key = certificate.getPublicKey();
            } else {
                key = io.coco4j.kbs.jwks.PemPublicKeys.parse(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII), file.toString());
            }
            if (!(key instanceof ECPublicKey ec)) {
                throw new IllegalArgumentException(file + " does not hold an EC public key");
            }
            keys.add(ec);
        }
        return keys;
    }
}
