package io.coco4j.guest.attester;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.tee.Tee;

/**
 * The {@code sample} TEE: no hardware and no signature, the report data in clear. Its evidence proves
 * nothing and a production KBS refuses it; it exists for development and tests.
 */
public final class SampleAttester implements Attester {

    /** The security version the reference's sample attester always reports. */
    public static final String SVN = "1";

    @Override
    public Tee tee() {
        return Tee.SAMPLE;
    }

    /** {@code {"svn":"1","report_data":"<b64std of reportData>"}}, the report data unpadded. */
    @Override
    public ObjectNode evidence(byte[] reportData) {
        return SampleEvidence.of(SVN, reportData);
    }
}
