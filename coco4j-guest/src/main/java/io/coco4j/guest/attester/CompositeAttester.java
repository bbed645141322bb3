package io.coco4j.guest.attester;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.rcar.HashAlgorithm;
import io.coco4j.protocol.rcar.RuntimeData;
import io.coco4j.protocol.rcar.TeeEvidence;
import io.coco4j.protocol.tee.Tee;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The guest's whole evidence for one handshake: the primary (CPU) TEE plus any device TEEs.
 * Each device binds {@code H(JCS({nonce, tee-pubkey}))}; their evidence, as one compact JSON object
 * string {@code {"<tee>": evidence, …}}, is then itself bound into the primary report through the
 * {@code additional-evidence} member, so the KBS can tie every device to the same handshake.
 * Several devices of one TEE (two {@code sampledevice} GPUs, say) share its entry as an array of
 * their reports, in the order given, since the map holds one value per TEE name.
 */
public final class CompositeAttester {

    private final Attester primary;
    private final List<Attester> devices;

    public CompositeAttester(Attester primary, List<? extends Attester> devices) {
        this.primary = Objects.requireNonNull(primary, "primary attester");
        this.devices = List.copyOf(devices);
    }

    public static CompositeAttester of(Attester primary) {
        return new CompositeAttester(primary, List.of());
    }

    public Attester primary() {
        return primary;
    }

    public List<Attester> devices() {
        return devices;
    }

    /** The TEE named in the {@code /auth} request. */
    public Tee tee() {
        return primary.tee();
    }

    /** Collects the composite {@code tee-evidence} for a handshake's runtime data. */
    public TeeEvidence attest(RuntimeData runtimeData, HashAlgorithm hash) throws EvidenceException {
        String additional = "";
        if (!devices.isEmpty()) {
            byte[] deviceReportData = RuntimeData.digest(runtimeData.deviceBinding(), hash);
            Map<Tee, List<JsonNode>> reports = new EnumMap<>(Tee.class);
            for (Attester device : devices) {
                reports.computeIfAbsent(device.tee(), t -> new ArrayList<>()).add(evidenceOf(device, deviceReportData));
            }
            ObjectNode byTee = JsonNodeFactory.instance.objectNode();
            for (Attester device : devices) {
                List<JsonNode> ofTee = reports.get(device.tee());
                if (ofTee.size() == 1) {
                    byTee.set(device.tee().wireName(), ofTee.get(0));
                } else {
                    byTee.putArray(device.tee().wireName()).addAll(ofTee);
                }
            }
            additional = Json.write(byTee);
        }
        byte[] reportData = RuntimeData.digest(runtimeData.primaryBinding(additional), hash);
        return new TeeEvidence(evidenceOf(primary, reportData), additional);
    }

    private static JsonNode evidenceOf(Attester attester, byte[] reportData) throws EvidenceException {
        JsonNode evidence = attester.evidence(reportData.clone());
        if (evidence == null) {
            throw new EvidenceException("the " + attester.tee() + " attester returned no evidence");
        }
        return evidence;
    }
}
