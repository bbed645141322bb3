package io.coco4j.cli.image;

import io.coco4j.guest.attester.Attester;
import io.coco4j.guest.attester.SampleAttester;
import io.coco4j.guest.kbs.KbsClient;
import io.coco4j.guest.kbs.KbsConnection;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** How a decrypting guest reaches its KBS to obtain KEKs: URL, pinned certificate, attester. */
final class GuestKbsOptions {

    @Option(names = "--url", paramLabel = "URL",
            description = "KBS base URL; the guest attests to it and fetches each layer's KEK (kid of the AnnotationPacket).")
    String url;

    @Option(names = "--kbs-cert", paramLabel = "PEM", description = "Trust only the certificate(s) in this PEM file for HTTPS.")
    Path kbsCertificate;

    @Option(names = "--attester", paramLabel = "TEE",
            description = "Evidence source: sample (no hardware; only a KBS started with --dev accepts it). Default: sample, with a warning.")
    String attester;

    boolean present() {
        return url != null;
    }

    KbsClient client(PrintWriter err, String command) throws IOException {
        KbsConnection.Builder connection = KbsConnection.builder().url(url);
        if (kbsCertificate != null) {
            try {
                connection.trustedCertificatesPem(Files.readString(kbsCertificate, StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                throw new IOException("--kbs-cert " + kbsCertificate + ": " + e.getMessage(), e);
            }
        }
        return KbsClient.builder().connection(connection.build()).attester(attester(err, command)).build();
    }

    private Attester attester(PrintWriter err, String command) {
        if (attester == null) {
            err.println(command + ": warning: using the sample attester (no TEE evidence; only a KBS in --dev mode accepts it); "
                    + "pass --attester sample to make this explicit");
            err.flush();
            return new SampleAttester();
        }
        if (attester.equals("sample")) {
            return new SampleAttester();
        }
        throw new IllegalArgumentException("unknown --attester '" + attester + "' (supported: sample)");
    }
}
