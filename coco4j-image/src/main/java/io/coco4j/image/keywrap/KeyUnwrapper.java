package io.coco4j.image.keywrap;

/** Recovers a layer's private options from one wrapped entry of the annotation it handles. */
public interface KeyUnwrapper {

    /** The layer annotation this unwrapper reads. */
    String annotationKey();

    /** The private options JSON inside {@code entry} (one b64-decoded item of the annotation). */
    byte[] unwrap(byte[] entry) throws KeyUnwrapException;
}
