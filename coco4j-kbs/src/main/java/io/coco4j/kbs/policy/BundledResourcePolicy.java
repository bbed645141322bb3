package io.coco4j.kbs.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The resource policies shipped with coco4j, as Rego texts. */
public enum BundledResourcePolicy {
    /** Any attested caller may read resources of the resource plugin (demo mode's default). */
    ALLOW_ALL("allow-all"),
    /** Nothing is released. */
    DENY_ALL("deny-all"),
    /** The reference KBS's default: anyone attested but the sample TEE, whatever the appraisal status. */
    REFERENCE_DEFAULT("reference-default"),
    /** coco4j's default: only when every appraisal is affirming, never to the sample TEE. */
    AFFIRMING("affirming");

    private final String policyName;

    BundledResourcePolicy(String policyName) {
        this.policyName = policyName;
    }

    public String policyName() {
        return policyName;
    }

    public String text() {
        try (InputStream in = BundledResourcePolicy.class.getResourceAsStream(policyName + ".rego")) {
            if (in == null) {
                throw new IllegalStateException("missing bundled policy " + policyName);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
