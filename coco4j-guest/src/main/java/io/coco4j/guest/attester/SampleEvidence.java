package io.coco4j.guest.attester;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Base64;

/** The evidence shape of the reference's sample TEEs: {@code {"svn": …, "report_data": <b64std>}}, in that member order. */
final class SampleEvidence {

    private SampleEvidence() {
    }

    static ObjectNode of(String svn, byte[] reportData) {
        ObjectNode evidence = JsonNodeFactory.instance.objectNode();
        evidence.put("svn", svn);
        evidence.put("report_data", Base64.getEncoder().encodeToString(reportData));
        return evidence;
    }
}
