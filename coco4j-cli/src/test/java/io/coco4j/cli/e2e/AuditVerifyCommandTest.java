package io.coco4j.cli.e2e;

import io.coco4j.cli.Main;
import io.coco4j.cli.serve.ServeCommand;
import io.coco4j.kbs.audit.AuditChain;
import io.coco4j.kbs.server.DataDirectory;
import io.coco4j.kbs.server.KbsServer;
import io.coco4j.storage.KeyValueStore;
import io.coco4j.storage.sql.SqlStorage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code coco4j audit verify} on the log a real KBS wrote while a guest attested and fetched a secret. */
class AuditVerifyCommandTest {

    @TempDir
    Path dir;

    private Path data;

    record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return new Run(commandLine.execute(args), out.toString(), err.toString());
    }

    @BeforeEach
    void aKbsWroteALog() throws Exception {
        data = dir.resolve("data");
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--dev", "--listen", "127.0.0.1:0", "--data-dir", data.toString());
        try (KbsServer kbs = serve.start()) {
            String url = kbs.baseUrls().get(0).toString();
            assertThat(run("admin", "set-resource", "--url", url, "--data-dir", data.toString(), "kbs:///default/app/key",
                    "--value", "the secret value").exitCode()).isZero();
            for (int i = 0; i < 3; i++) {
                Run get = run("get-resource", "--url", url, "--attester", "sample", "kbs:///default/app/key");
                assertThat(get.exitCode()).as(get.err()).isZero();
            }
            assertThat(run("get-resource", "--url", url, "--attester", "sample", "kbs:///default/app/missing").exitCode()).isNotZero();
        }
    }

    private KeyValueStore records(SqlStorage storage) throws Exception {
        return storage.namespace(AuditChain.RECORDS);
    }

    @Test
    void anUntouchedLogIsIntactAndHoldsNoSecret() throws Exception {
        Run verify = run("audit", "verify", "--data-dir", data.toString());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("intact").contains("records: ");
        try (SqlStorage storage = SqlStorage.sqlite(new DataDirectory(data).storageDatabase())) {
            StringBuilder all = new StringBuilder();
            for (String key : records(storage).keys()) {
                all.append(new String(records(storage).get(key).orElseThrow(), StandardCharsets.UTF_8));
            }
            assertThat(all.toString())
                    .contains("\"kind\":\"attestation\"", "\"decision\":\"issued\"", "\"kind\":\"resource\"",
                            "\"resource\":\"resource/default/app/key\"", "\"decision\":\"allowed\"", "\"id\":\"default_cpu\"")
                    .doesNotContain("the secret value", "eyJ");
        }
    }

    @Test
    void anEditedRecordFailsVerification() throws Exception {
        try (SqlStorage storage = SqlStorage.sqlite(new DataDirectory(data).storageDatabase())) {
            String first = new String(records(storage).get(AuditChain.key(1)).orElseThrow(), StandardCharsets.UTF_8);
            records(storage).put(AuditChain.key(1), first.replace("\"tee\":\"sample\"", "\"tee\":\"snp\"")
                    .getBytes(StandardCharsets.UTF_8));
        }
        Run verify = run("audit", "verify", "--data-dir", data.toString());
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains("TAMPERED: record 2 does not link to record 1");
    }

    @Test
    void aTruncatedLogFailsVerification() throws Exception {
        try (SqlStorage storage = SqlStorage.sqlite(new DataDirectory(data).storageDatabase())) {
            long last = records(storage).keys().size();
            records(storage).delete(AuditChain.key(last));
        }
        Run verify = run("audit", "verify", "--data-dir", data.toString());
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains("records were removed from its end");
    }

    @Test
    void checkpointsByAnotherKeyAreRefused() throws Exception {
        DataDirectory other = new DataDirectory(dir.resolve("other"));
        other.ensureTokenSigner();
        Run verify = run("audit", "verify", "--data-dir", data.toString(), "--public-key", other.tokenSignerCertificate().toString());
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains("the signature does not verify");
        Run own = run("audit", "verify", "--data-dir", data.toString(), "--public-key",
                new DataDirectory(data).tokenSignerCertificate().toString());
        assertThat(own.exitCode()).as(own.out()).isZero();
    }

    @Test
    void aMissingDataDirectoryIsAnError() {
        Run verify = run("audit", "verify", "--data-dir", dir.resolve("nowhere").toString());
        assertThat(verify.exitCode()).isEqualTo(2);
        assertThat(verify.err()).contains("has no token signer");
    }
}
