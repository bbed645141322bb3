package io.coco4j.kbs.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import io.coco4j.protocol.json.Json;
import io.coco4j.storage.KeyValueStore;
import io.coco4j.storage.StorageBackend;
import io.coco4j.storage.StorageException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks an audit log as {@link AuditLog} writes it: records numbered 1..n without a gap, each
 * naming its own number and linking to the hash of the one before, and every checkpoint signed by
 * a trusted key over the hash of a record that exists. What it reports covers the records up to the
 * last checkpoint; records after it are covered by the chain alone (an attacker who can write the
 * store could drop them unnoticed), which the report states.
 */
public final class AuditVerifier {

    private AuditVerifier() {
    }

    /**
     * The outcome.
     *
     * @param records        records in the log
     * @param checkpoints    checkpoints found
     * @param lastCheckpoint the record the last valid checkpoint covers (0 when none)
     * @param headHash       the hash of the last record (record 0's: zeros)
     * @param problems       what is wrong, one line each; empty when the log is intact
     */
    public record Report(long records, long checkpoints, long lastCheckpoint, String headHash, List<String> problems) {
        public Report {
            problems = List.copyOf(problems);
        }

        public boolean intact() {
            return problems.isEmpty();
        }

        /** Records after the last checkpoint, which only the chain vouches for. */
        public long unsignedTail() {
            return records - lastCheckpoint;
        }
    }

    public static Report verify(StorageBackend storage, List<ECPublicKey> trustedKeys) throws StorageException {
        KeyValueStore records = storage.namespace(AuditChain.RECORDS);
        KeyValueStore checkpoints = storage.namespace(AuditChain.CHECKPOINTS);
        List<String> problems = new ArrayList<>();

        long highest = 0;
        for (String key : records.keys()) {
            Optional<Long> sequence = AuditChain.sequence(key);
            if (sequence.isEmpty() || sequence.get() < 1) {
                problems.add("the log holds a key that is not a record number: '" + key + "'");
            } else {
                highest = Math.max(highest, sequence.get());
            }
        }

        Map<Long, String> hashes = new HashMap<>();
        String previous = AuditChain.GENESIS;
        for (long n = 1; n <= highest; n++) {
            Optional<byte[]> stored = records.get(AuditChain.key(n));
            if (stored.isEmpty()) {
                problems.add("record " + n + " is missing (records 1 to " + highest + " must all be present)");
                previous = null;
                continue;
            }
            String hash = AuditChain.hash(stored.get());
            hashes.put(n, hash);
            JsonNode record;
            try {
                record = Json.readTree(stored.get());
            } catch (IOException e) {
                record = null;
            }
            if (record == null || !record.path("seq").canConvertToLong() || !record.path("prev").isTextual()
                    || !record.path("events").isArray()) {
                problems.add("record " + n + " is not a well-formed record");
                previous = hash;
                continue;
            }
            long claimed = record.get("seq").longValue();
            if (claimed != n) {
                problems.add("record " + n + " says it is record " + claimed + " (records were reordered or renumbered)");
            }
            if (previous != null && !previous.equals(record.get("prev").textValue())) {
                problems.add("record " + n + " does not link to record " + (n - 1) + " (a record before it was changed, "
                        + "removed or reordered)");
            }
            previous = hash;
        }

        long checkpointCount = 0;
        long lastValid = 0;
        for (String key : checkpoints.keys()) {
            Optional<Long> at = AuditChain.sequence(key);
            if (at.isEmpty()) {
                problems.add("the checkpoints hold a key that is not a record number: '" + key + "'");
                continue;
            }
            checkpointCount++;
            String where = "checkpoint at record " + at.get();
            Optional<JsonNode> payload = verifiedPayload(checkpoints.get(key).orElseThrow(), trustedKeys, where, problems);
            if (payload.isEmpty()) {
                continue;
            }
            long sequence = payload.get().path("seq").asLong(-1);
            String hash = payload.get().path("hash").asText("");
            if (sequence != at.get()) {
                problems.add(where + " is stored under the wrong number (it signs record " + sequence + ")");
                continue;
            }
            if (sequence > highest) {
                problems.add(where + ": the log ends at record " + highest + " (records were removed from its end)");
                continue;
            }
            String actual = hashes.get(sequence);
            if (actual == null) {
                continue; // reported as missing above
            }
            if (!actual.equals(hash)) {
                problems.add(where + ": record " + sequence + " differs from the one signed (a record up to "
                        + sequence + " was changed, removed or reordered)");
                continue;
            }
            lastValid = Math.max(lastValid, sequence);
        }
        String head = highest == 0 ? AuditChain.GENESIS : hashes.getOrDefault(highest, "");
        return new Report(highest, checkpointCount, lastValid, head, problems);
    }

    private static Optional<JsonNode> verifiedPayload(byte[] stored, List<ECPublicKey> trustedKeys, String where, List<String> problems) {
        JWSObject jws;
        try {
            jws = JWSObject.parse(new String(stored, StandardCharsets.US_ASCII));
        } catch (ParseException e) {
            problems.add(where + " is not a JWS");
            return Optional.empty();
        }
        if (!JWSAlgorithm.ES256.equals(jws.getHeader().getAlgorithm())) {
            problems.add(where + " is not signed with ES256");
            return Optional.empty();
        }
        boolean verified = false;
        for (ECPublicKey key : trustedKeys) {
            try {
                if (jws.verify(new ECDSAVerifier(key))) {
                    verified = true;
                    break;
                }
            } catch (JOSEException e) {
                // not this key's curve: try the next
            }
        }
        if (!verified) {
            problems.add(where + ": the signature does not verify with " + (trustedKeys.isEmpty() ? "any key (none was given)"
                    : "the trusted signing key"));
            return Optional.empty();
        }
        try {
            return Optional.of(Json.readTree(jws.getPayload().toBytes()));
        } catch (IOException e) {
            problems.add(where + " has a payload that is not JSON");
            return Optional.empty();
        }
    }
}
