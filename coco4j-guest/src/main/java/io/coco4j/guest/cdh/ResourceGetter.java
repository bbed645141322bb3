package io.coco4j.guest.cdh;

import io.coco4j.protocol.resource.ResourceUri;

/** Fetches a confidential resource by its KBS resource URI (the CDH's "kbs" getter). */
@FunctionalInterface
public interface ResourceGetter {

    byte[] getResource(ResourceUri uri) throws ResourceException;
}
