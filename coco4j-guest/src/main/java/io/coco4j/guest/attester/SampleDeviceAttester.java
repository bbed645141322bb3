package io.coco4j.guest.attester;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.tee.Tee;

/**
 * The {@code sampledevice} TEE: a simulated accelerator whose evidence travels in
 * {@code additional_evidence}, exercising the composite-evidence path without hardware.
 */
public final class SampleDeviceAttester implements Attester {

    /** The security version the reference's sample device attester always reports. */
    public static final String SVN = "2";

    @Override
    public Tee tee() {
        return Tee.SAMPLE_DEVICE;
    }

    /** {@code {"svn":"2","report_data":"<b64std of reportData>"}}. */
    @Override
    public ObjectNode evidence(byte[] reportData) {
        return SampleEvidence.of(SVN, reportData);
    }
}
