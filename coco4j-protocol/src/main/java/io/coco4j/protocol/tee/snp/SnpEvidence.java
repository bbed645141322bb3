package io.coco4j.protocol.tee.snp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code snp} evidence a guest sends: {@code {"attestation_report": {…}, "cert_chain": [{"cert_type", "data"}] | null}},
 * the report in the reference's serde form (see {@link SnpReportJson}).
 */
public record SnpEvidence(SnpReport report, Optional<List<SnpCertEntry>> certChain) {

    public SnpEvidence {
        certChain = certChain.map(List::copyOf);
    }

    public static SnpEvidence parse(JsonNode json) throws SnpFormatException {
        if (json == null || !json.isObject()) {
            throw new SnpFormatException("snp evidence is not a JSON object");
        }
        JsonNode report = json.get("attestation_report");
        if (report == null) {
            throw new SnpFormatException("snp evidence has no attestation_report");
        }
        SnpReport parsed = SnpReportJson.fromJson(report);
        JsonNode chain = json.get("cert_chain");
        if (chain == null || chain.isNull()) {
            return new SnpEvidence(parsed, Optional.empty());
        }
        if (!chain.isArray()) {
            throw new SnpFormatException("snp evidence cert_chain is not an array");
        }
        List<SnpCertEntry> entries = new ArrayList<>();
        for (JsonNode entry : chain) {
            JsonNode type = entry.get("cert_type");
            if (type == null) {
                throw new SnpFormatException("cert_chain entry has no cert_type");
            }
            SnpCertType certType = type.isTextual() ? SnpCertType.fromWireName(type.textValue()) : SnpCertType.OTHER;
            entries.add(new SnpCertEntry(certType, SnpReportJson.bytes(entry, "data", -1)));
        }
        return new SnpEvidence(parsed, Optional.of(entries));
    }

    public ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("attestation_report", SnpReportJson.toJson(report));
        if (certChain.isEmpty()) {
            out.putNull("cert_chain");
        } else {
            ArrayNode chain = out.putArray("cert_chain");
            for (SnpCertEntry entry : certChain.get()) {
                ObjectNode e = chain.addObject();
                e.put("cert_type", entry.type().name());
                SnpReportJson.putBytes(e, "data", entry.data());
            }
        }
        return out;
    }
}
