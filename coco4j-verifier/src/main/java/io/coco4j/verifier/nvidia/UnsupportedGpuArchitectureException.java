package io.coco4j.verifier.nvidia;

import io.coco4j.verifier.MalformedEvidenceException;

/** A GPU architecture this verifier does not know how to check. */
public class UnsupportedGpuArchitectureException extends MalformedEvidenceException {

    public UnsupportedGpuArchitectureException(String message) {
        super(message);
    }

    public UnsupportedGpuArchitectureException(String message, Throwable cause) {
        super(message, cause);
    }
}
