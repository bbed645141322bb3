package io.coco4j.guest.attester;

/** The outcome of binding init-data to the platform. */
public enum InitDataBinding {
    /** The platform's launch-time field matches the digest (or, on TPM platforms, PCR 8 was extended with it). */
    BOUND,
    /** The TEE has no field that could bind init-data (the sample TEE, SGX guests); the KBS can still read the document. */
    UNSUPPORTED
}
