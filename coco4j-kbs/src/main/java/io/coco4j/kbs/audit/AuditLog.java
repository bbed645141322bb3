package io.coco4j.kbs.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.as.ear.TokenSigner;
import io.coco4j.as.ear.TokenSigningException;
import io.coco4j.protocol.jose.Base64Url;
import io.coco4j.protocol.json.Json;
import io.coco4j.storage.KeyValueStore;
import io.coco4j.storage.StorageBackend;
import io.coco4j.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The hash-chained audit log in the storage back-end ({@link AuditChain} describes the layout).
 *
 * <p>One writer thread per process appends: whatever events are waiting go into one record, which
 * is then one durable write (group commit). Appends are serialised through the store itself: a
 * record is written with put-if-absent under the next sequence number, which exactly one writer
 * wins, also between replicas sharing PostgreSQL (a primary key) or a directory (a file lock). A
 * writer that loses reads the winner's record, links to it and tries the next number, so the chain
 * never forks.
 *
 * <p>Every {@code checkpointRecords} records, and at least every {@code checkpointInterval} while
 * records come in, the writer signs a checkpoint (a compact ES256 JWS with the token-signing key:
 * record number, its hash, time), and once more on close. {@code coco4j audit verify} then detects a
 * changed, removed, reordered or truncated record up to the last checkpoint; the chain alone
 * covers the records after it.
 */
public final class AuditLog implements AuditTrail, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final int MAX_BATCH = 256;
    private static final Duration RECORD_TIMEOUT = Duration.ofSeconds(30);

    private record Pending(AuditEvent event, CompletableFuture<Long> done) {
    }

    /** Wakes the writer on close; carries no event. */
    private static final Pending WAKE = new Pending(null, new CompletableFuture<>());

    private final KeyValueStore records;
    private final KeyValueStore checkpoints;
    private final TokenSigner signer;
    private final long checkpointRecords;
    private final Duration checkpointInterval;
    private final Clock clock;
    private final String checkpointHeader;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closing;

    // state of the writer thread only
    private long headSequence;
    private String headHash;
    private long checkpointedSequence;
    private Instant checkpointedAt;

    private AuditLog(StorageBackend storage, TokenSigner signer, long checkpointRecords, Duration checkpointInterval, Clock clock)
            throws StorageException {
        this.records = storage.namespace(AuditChain.RECORDS);
        this.checkpoints = storage.namespace(AuditChain.CHECKPOINTS);
        this.signer = signer;
        this.checkpointRecords = checkpointRecords;
        this.checkpointInterval = checkpointInterval;
        this.clock = clock;
        ObjectNode header = JsonNodeFactory.instance.objectNode();
        header.put("alg", "ES256");
        header.put("typ", AuditChain.CHECKPOINT_TYPE);
        header.set("jwk", signer.publicJwk());
        this.checkpointHeader = Base64Url.encode(Json.writeBytes(header));
        findHead();
        checkpointedSequence = lastCheckpoint();
        checkpointedAt = clock.instant();
        writer = new Thread(this::run, "kbs-audit-writer");
        writer.setDaemon(true);
    }

    /** Opens the log in {@code storage}, finds its end and starts the writer. */
    public static AuditLog open(StorageBackend storage, TokenSigner signer, long checkpointRecords, Duration checkpointInterval,
                                Clock clock) throws StorageException {
        AuditLog log = new AuditLog(storage, signer, checkpointRecords, checkpointInterval, clock);
        log.writer.start();
        return log;
    }

    @Override
    public void record(AuditEvent event) throws AuditException {
        if (closing) {
            throw new AuditException("the audit log is closing");
        }
        Pending pending = new Pending(event, new CompletableFuture<>());
        queue.add(pending);
        try {
            pending.done().get(RECORD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new AuditException("cannot append to the audit log: " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new AuditException("the audit log did not record the event within " + RECORD_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditException("interrupted while recording an audit event");
        }
    }

    private void run() {
        while (!closing || !queue.isEmpty()) {
            Pending first;
            try {
                first = queue.poll(waitMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (first == null || first == WAKE) {
                checkpointIfDue(false);
                continue;
            }
            List<Pending> batch = new ArrayList<>();
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            batch.removeIf(p -> p == WAKE);
            try {
                long sequence = append(batch);
                batch.forEach(p -> p.done().complete(sequence));
            } catch (StorageException | RuntimeException e) {
                LOG.error("cannot append to the audit log: {}", e.getMessage());
                batch.forEach(p -> p.done().completeExceptionally(e));
            }
            checkpointIfDue(false);
        }
        checkpointIfDue(true);
    }

    private long waitMillis() {
        if (headSequence <= checkpointedSequence) {
            return checkpointInterval.toMillis();
        }
        long due = Duration.between(clock.instant(), checkpointedAt.plus(checkpointInterval)).toMillis();
        return Math.max(1, due);
    }

    /** Appends one record holding the batch's events; returns its sequence number. */
    private long append(List<Pending> batch) throws StorageException {
        ArrayNode events = JsonNodeFactory.instance.arrayNode();
        batch.forEach(p -> events.add(p.event().toJson()));
        for (int attempt = 0; attempt < 1000; attempt++) {
            catchUp();
            long sequence = headSequence + 1;
            ObjectNode record = JsonNodeFactory.instance.objectNode();
            record.put("seq", sequence);
            record.put("time", clock.instant().toString());
            record.put("prev", headHash);
            record.set("events", events);
            byte[] bytes = Json.writeBytes(record);
            if (records.putIfAbsent(AuditChain.key(sequence), bytes)) {
                headSequence = sequence;
                headHash = AuditChain.hash(bytes);
                return sequence;
            }
            // another replica took this number: link to its record and try the next
        }
        throw new StorageException("the audit log keeps advancing under other writers; the event was not recorded");
    }

    /** Follows records other writers appended after the known head. */
    private void catchUp() throws StorageException {
        while (true) {
            Optional<byte[]> next = records.get(AuditChain.key(headSequence + 1));
            if (next.isEmpty()) {
                return;
            }
            headSequence++;
            headHash = AuditChain.hash(next.get());
        }
    }

    /** The last record, found with O(log n) reads: records are numbered without gaps from 1. */
    private void findHead() throws StorageException {
        headSequence = 0;
        headHash = AuditChain.GENESIS;
        if (!exists(1)) {
            return;
        }
        long low = 1;
        long high = 2;
        while (exists(high)) {
            low = high;
            high *= 2;
        }
        while (high - low > 1) {
            long middle = low + (high - low) / 2;
            if (exists(middle)) {
                low = middle;
            } else {
                high = middle;
            }
        }
        headSequence = low;
        headHash = AuditChain.hash(records.get(AuditChain.key(low)).orElseThrow());
        catchUp();
    }

    private boolean exists(long sequence) throws StorageException {
        return records.get(AuditChain.key(sequence)).isPresent();
    }

    private long lastCheckpoint() throws StorageException {
        long last = 0;
        for (String key : checkpoints.keys()) {
            last = Math.max(last, AuditChain.sequence(key).orElse(0L));
        }
        return last;
    }

    private void checkpointIfDue(boolean force) {
        if (headSequence <= checkpointedSequence) {
            return;
        }
        Instant now = clock.instant();
        boolean due = force || headSequence - checkpointedSequence >= checkpointRecords
                || !now.isBefore(checkpointedAt.plus(checkpointInterval));
        if (!due) {
            return;
        }
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("seq", headSequence);
        payload.put("hash", headHash);
        payload.put("time", now.toString());
        String signingInput = checkpointHeader + "." + Base64Url.encode(Json.writeBytes(payload));
        try {
            byte[] signature = signer.signEs256(signingInput.getBytes(StandardCharsets.US_ASCII));
            String jws = signingInput + "." + Base64Url.encode(signature);
            // a replica that checkpointed the same record first wins; both signed the same hash
            checkpoints.putIfAbsent(AuditChain.key(headSequence), jws.getBytes(StandardCharsets.US_ASCII));
            checkpointedSequence = headSequence;
            checkpointedAt = now;
        } catch (TokenSigningException | StorageException | RuntimeException e) {
            LOG.warn("cannot write an audit checkpoint at record {}: {}", headSequence, e.getMessage());
        }
    }

    /** Records the events still waiting, signs a last checkpoint and stops the writer. */
    @Override
    public void close() {
        closing = true;
        queue.add(WAKE);
        try {
            writer.join(RECORD_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
