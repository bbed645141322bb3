package io.coco4j.verifier.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.tee.Tee;
import io.coco4j.protocol.tee.TeeClass;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.MalformedEvidenceException;
import io.coco4j.verifier.VerificationException;
import io.coco4j.verifier.VerifiedClaims;
import io.coco4j.verifier.Verifier;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code sampledevice} test device (class {@code gpu}): the same evidence and check as
 * {@link SampleVerifier}, claims {@code svn} and {@code report_data} only. It exercises the
 * additional-evidence path ({@code gpu0} submod, {@code default_gpu} policy).
 *
 * <p>Additional evidence is keyed by TEE name, so several devices of one kind travel as one entry:
 * like the {@code nvidia} evidence's device list, an array of device reports yields one claim set
 * per device, in order ({@code gpu0}, {@code gpu1}, …). A single object is one device.
 */
public final class SampleDeviceVerifier implements Verifier {

    @Override
    public Tee tee() {
        return Tee.SAMPLE_DEVICE;
    }

    @Override
    public List<VerifiedClaims> evaluate(JsonNode evidence, Expectation expectation) throws VerificationException {
        if (evidence != null && evidence.isArray()) {
            if (evidence.isEmpty()) {
                throw new MalformedEvidenceException("sampledevice evidence lists no device");
            }
            List<VerifiedClaims> devices = new ArrayList<>();
            for (JsonNode device : evidence) {
                devices.add(device(device, expectation));
            }
            return devices;
        }
        return List.of(device(evidence, expectation));
    }

    private VerifiedClaims device(JsonNode evidence, Expectation expectation) throws VerificationException {
        SampleEvidence sample = SampleEvidence.parse(evidence, tee().wireName());
        sample.checkReportData(expectation, tee().wireName());

        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("svn", sample.svn());
        claims.put("report_data", sample.reportData());
        return new VerifiedClaims(claims, TeeClass.GPU);
    }
}
