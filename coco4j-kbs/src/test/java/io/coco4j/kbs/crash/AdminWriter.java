package io.coco4j.kbs.crash;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;

/**
 * One administrator writing new versions of its own targets, one request at a time, until the
 * server goes away. A 200 makes the version acknowledged; a request without an answer leaves it in
 * doubt; any other answer is a failure of its own (the server refused a valid write).
 */
final class AdminWriter implements Runnable {

    /** How the writer ended: the server went away (at {@code nanoTime}), or a request failed otherwise. */
    record Outcome(long nanoTime, Optional<String> failure) {
    }

    private final AdminClient client;
    private final List<Target> targets;
    private final Ledger ledger;
    private final SplittableRandom random;
    private final CountDownLatch acknowledgements;
    private volatile Outcome outcome;
    private volatile int written;

    AdminWriter(AdminClient client, List<Target> targets, Ledger ledger, SplittableRandom random, CountDownLatch acknowledgements) {
        this.client = client;
        this.targets = List.copyOf(targets);
        this.ledger = ledger;
        this.random = random;
        this.acknowledgements = acknowledgements;
    }

    @Override
    public void run() {
        while (true) {
            Target target = targets.get(random.nextInt(targets.size()));
            Payload payload = ledger.send(target, target.body(random));
            HttpResponse<byte[]> response;
            try {
                response = client.write(target, payload);
            } catch (IOException e) {
                outcome = new Outcome(System.nanoTime(), Optional.empty());
                return;
            } catch (Exception e) {
                outcome = new Outcome(System.nanoTime(), Optional.of("writing version " + payload.version() + " of " + target + ": " + e));
                return;
            }
            if (response.statusCode() != 200) {
                outcome = new Outcome(System.nanoTime(), Optional.of("writing version " + payload.version() + " of " + target
                        + ": HTTP " + response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8)));
                return;
            }
            ledger.acknowledged(target, payload);
            written++;
            acknowledgements.countDown();
        }
    }

    /** Set once the writer has stopped. */
    Outcome outcome() {
        return outcome;
    }

    int acknowledgedWrites() {
        return written;
    }
}
