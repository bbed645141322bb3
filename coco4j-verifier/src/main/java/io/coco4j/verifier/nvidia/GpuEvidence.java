package io.coco4j.verifier.nvidia;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.verifier.MalformedEvidenceException;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * One GPU of the {@code nvidia} evidence's {@code device_evidence_list}:
 * {@code {"arch": "Hopper", "uuid": …, "evidence": <hex report>, "certificate": <base64 of the PEM chain>}}.
 */
public record GpuEvidence(GpuArchitecture architecture, String uuid, byte[] report, byte[] certificateChainPem) {

    public GpuEvidence {
        report = report.clone();
        certificateChainPem = certificateChainPem.clone();
    }

    @Override
    public byte[] report() {
        return report.clone();
    }

    @Override
    public byte[] certificateChainPem() {
        return certificateChainPem.clone();
    }

    /** Every device of {@code {"device_evidence_list": [...]}}; an empty list is refused. */
    public static List<GpuEvidence> parseList(JsonNode evidence) throws MalformedEvidenceException {
        JsonNode list = evidence == null ? null : evidence.get("device_evidence_list");
        if (list == null || !list.isArray()) {
            throw new MalformedEvidenceException("nvidia evidence has no device_evidence_list array");
        }
        if (list.isEmpty()) {
            throw new MalformedEvidenceException("nvidia evidence lists no device");
        }
        List<GpuEvidence> devices = new ArrayList<>();
        for (JsonNode device : list) {
            devices.add(parse(device, devices.size()));
        }
        return devices;
    }

    private static GpuEvidence parse(JsonNode device, int index) throws MalformedEvidenceException {
        String where = "nvidia device_evidence_list[" + index + "]";
        if (!device.isObject()) {
            throw new MalformedEvidenceException(where + " is not an object");
        }
        GpuArchitecture architecture = GpuArchitecture.parse(text(device, "arch", where));
        String uuid = text(device, "uuid", where);
        byte[] report;
        try {
            report = HexFormat.of().parseHex(text(device, "evidence", where));
        } catch (IllegalArgumentException e) {
            throw new MalformedEvidenceException(where + ".evidence is not hex");
        }
        byte[] chain;
        try {
            chain = Base64.getDecoder().decode(text(device, "certificate", where));
        } catch (IllegalArgumentException e) {
            throw new MalformedEvidenceException(where + ".certificate is not base64");
        }
        return new GpuEvidence(architecture, uuid, report, chain);
    }

    private static String text(JsonNode node, String name, String where) throws MalformedEvidenceException {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual()) {
            throw new MalformedEvidenceException(where + " has no string member '" + name + "'");
        }
        return value.textValue();
    }
}
