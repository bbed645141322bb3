package io.coco4j.as.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.rvps.ReferenceValueProvider;

/** One of the reference's bundled attestation policies, written out in Java. */
interface BuiltinPolicy {

    String id();

    PolicyOutcome evaluate(ObjectNode input, ReferenceValueProvider referenceValues) throws PolicyException;
}
