package io.coco4j.protocol.tee.snp;

/** Bytes or JSON that are not a well-formed SEV-SNP structure (wrong size, unknown version, bad field). */
public class SnpFormatException extends Exception {

    public SnpFormatException(String message) {
        super(message);
    }

    public SnpFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
