package io.coco4j.verifier.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.tee.Tee;
import io.coco4j.protocol.tee.TeeClass;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.VerificationException;
import io.coco4j.verifier.VerifiedClaims;
import io.coco4j.verifier.Verifier;

import java.util.Base64;
import java.util.List;

/**
 * The {@code sample} test TEE: no hardware and no signature, only the report-data binding. It proves
 * nothing about a guest, so it is present only when the sample TEE is explicitly allowed. The claims
 * are the reference's fixed example TCB ({@code launch_digest}, {@code platform_version}, {@code debug})
 * so that the default CPU policy has something to appraise.
 */
public final class SampleVerifier implements Verifier {

    @Override
    public Tee tee() {
        return Tee.SAMPLE;
    }

    @Override
    public List<VerifiedClaims> evaluate(JsonNode evidence, Expectation expectation) throws VerificationException {
        SampleEvidence sample = SampleEvidence.parse(evidence, tee().wireName());
        // The init-data digest is not bound by this TEE; it is recorded below without a check.
        sample.checkReportData(expectation, tee().wireName());

        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("svn", sample.svn());
        claims.put("report_data", sample.reportData());
        claims.put("launch_digest", "abcde");
        ObjectNode platformVersion = claims.putObject("platform_version");
        platformVersion.put("major", 1);
        platformVersion.put("minor", 4);
        claims.put("debug", false);
        expectation.initDataDigest().ifPresent(digest -> claims.put("init_data", Base64.getEncoder().encodeToString(digest)));
        return List.of(new VerifiedClaims(claims, TeeClass.CPU));
    }
}
