package io.coco4j.verifier.tdx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.verifier.MalformedEvidenceException;
import io.coco4j.verifier.dcap.EvidenceBase64;

import java.util.Base64;
import java.util.Optional;

/**
 * TDX evidence: {@code {"cc_eventlog": "<b64 CCEL>" | null, "quote": "<b64 TD quote>"}}, the
 * reference attester's format. An empty event log counts as none.
 */
public record TdxEvidence(byte[] quote, Optional<byte[]> ccEventLog) {

    public TdxEvidence {
        quote = quote.clone();
        ccEventLog = ccEventLog.filter(log -> log.length > 0).map(byte[]::clone);
    }

    @Override
    public byte[] quote() {
        return quote.clone();
    }

    @Override
    public Optional<byte[]> ccEventLog() {
        return ccEventLog.map(byte[]::clone);
    }

    public static TdxEvidence parse(JsonNode evidence) throws MalformedEvidenceException {
        byte[] quote = EvidenceBase64.required(evidence, "quote", "tdx");
        return new TdxEvidence(quote, Optional.ofNullable(EvidenceBase64.optional(evidence, "cc_eventlog", "tdx")));
    }

    /**
     * The evidence JSON for a raw quote (as Intel's tools write it) and an optional raw CCEL (the
     * ACPI CCEL area as read from {@code /sys/firmware/acpi/tables/data/CCEL}).
     */
    public static ObjectNode toJson(byte[] quote, Optional<byte[]> ccEventLog) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        if (ccEventLog.isPresent()) {
            json.put("cc_eventlog", Base64.getEncoder().encodeToString(ccEventLog.get()));
        } else {
            json.putNull("cc_eventlog");
        }
        json.put("quote", Base64.getEncoder().encodeToString(quote));
        return json;
    }

    public ObjectNode toJson() {
        return toJson(quote, ccEventLog);
    }
}
