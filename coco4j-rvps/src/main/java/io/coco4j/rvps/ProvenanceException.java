package io.coco4j.rvps;

/**
 * A registration payload is well-formed but its provenance does not verify: a signature, a
 * certificate, a key that is not trusted, an expired source, a supply-chain rule. Nothing is stored.
 */
public class ProvenanceException extends RvpsException {

    public ProvenanceException(String message) {
        super(message);
    }

    public ProvenanceException(String message, Throwable cause) {
        super(message, cause);
    }
}
