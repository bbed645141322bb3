package io.coco4j.bench.load;

import io.coco4j.protocol.resource.ResourceUri;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The KBS process {@link SpawnedKbs} starts: {@link InProcessKbs} in a JVM of its own, trusting the
 * {@link BenchTrust} its parent wrote. It prints {@code KBS ready at URL} when it serves and stops
 * when its standard input closes, so it never outlives the benchmark that started it.
 *
 * <p>Arguments: {@code TRUST_FILE DATA_DIR RESOURCE SECRET_FILE}. The secret file is deleted once read.
 */
public final class BenchKbsMain {

    static final String READY = "KBS ready at ";

    private BenchKbsMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: BenchKbsMain TRUST_FILE DATA_DIR RESOURCE SECRET_FILE");
            System.exit(2);
        }
        BenchTrust trust = BenchTrust.read(Path.of(args[0]));
        Path secretFile = Path.of(args[3]);
        byte[] secret = Files.readAllBytes(secretFile);
        Files.delete(secretFile);
        try (InProcessKbs kbs = InProcessKbs.start(trust, ResourceUri.parse(args[2]), secret, Path.of(args[1]))) {
            System.out.println(READY + kbs.url());
            System.out.flush();
            drain(System.in);
        }
        System.exit(0);
    }

    private static void drain(InputStream in) {
        try {
            while (in.read() >= 0) {
                // the parent writes nothing: end of input means it is gone or done
            }
        } catch (IOException e) {
            // a broken pipe is the same as the parent gone
        }
    }
}
