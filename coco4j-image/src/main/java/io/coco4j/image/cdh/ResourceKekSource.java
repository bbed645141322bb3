package io.coco4j.image.cdh;

import io.coco4j.guest.cdh.ResourceException;
import io.coco4j.guest.cdh.ResourceGetter;
import io.coco4j.guest.kbs.KbsAttestationException;
import io.coco4j.guest.kbs.KbsUnauthorizedException;
import io.coco4j.image.keywrap.KekSource;
import io.coco4j.image.keywrap.KeyNotReleasedException;
import io.coco4j.image.keywrap.KeyUnwrapException;
import io.coco4j.image.keywrap.WrapType;
import io.coco4j.protocol.error.KbsErrorType;
import io.coco4j.protocol.resource.ResourceUri;

import java.util.Arrays;

/** KEKs through the CDH's resource getter (KBS with the AA's token, or offline files), as its {@code UnWrapKey} gets them. */
public final class ResourceKekSource implements KekSource {

    private final ResourceGetter resources;

    public ResourceKekSource(ResourceGetter resources) {
        this.resources = resources;
    }

    @Override
    public byte[] kek(ResourceUri kid) throws KeyUnwrapException {
        byte[] kek;
        try {
            kek = resources.getResource(kid);
        } catch (ResourceException e) {
            if (e.notFound()) {
                throw new KeyNotReleasedException(KeyNotReleasedException.Reason.NOT_FOUND, kid.toString(), e);
            }
            if (e.getCause() instanceof KbsUnauthorizedException refused) {
                boolean denied = refused.errorInformation().map(i -> KbsErrorType.POLICY_DENY.variant().equals(i.variant())).orElse(false);
                throw new KeyNotReleasedException(denied ? KeyNotReleasedException.Reason.POLICY_DENIED
                        : KeyNotReleasedException.Reason.ATTESTATION_REFUSED, kid.toString(), e);
            }
            if (e.getCause() instanceof KbsAttestationException) {
                throw new KeyNotReleasedException(KeyNotReleasedException.Reason.ATTESTATION_REFUSED, kid.toString(), e);
            }
            throw new KeyUnwrapException("cannot get the KEK " + kid + ": " + e.getMessage(), e);
        }
        if (kek.length != WrapType.KEK_BYTES) {
            int length = kek.length;
            Arrays.fill(kek, (byte) 0);
            throw new KeyUnwrapException("the resource " + kid + " is " + length + " bytes, not a " + WrapType.KEK_BYTES + "-byte KEK");
        }
        return kek;
    }
}
