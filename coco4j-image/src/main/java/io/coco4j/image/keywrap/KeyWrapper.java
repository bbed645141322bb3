package io.coco4j.image.keywrap;

import java.util.List;

/**
 * Protects a layer's private options (optsdata) for some recipient. The annotation value is the
 * comma-separated b64std of the returned entries, as ocicrypt stores them.
 */
public interface KeyWrapper {

    /** The layer annotation the entries go under, e.g. {@code org.opencontainers.image.enc.keys.jwe}. */
    String annotationKey();

    /** The wrapped entries (one or more) for {@code privateOptionsJson}. */
    List<byte[]> wrap(byte[] privateOptionsJson) throws KeyWrapException;
}
