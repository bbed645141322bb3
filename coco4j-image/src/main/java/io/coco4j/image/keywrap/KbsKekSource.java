package io.coco4j.image.keywrap;

import io.coco4j.guest.kbs.KbsAttestationException;
import io.coco4j.guest.kbs.KbsClient;
import io.coco4j.guest.kbs.KbsClientException;
import io.coco4j.guest.kbs.KbsResourceNotFoundException;
import io.coco4j.guest.kbs.KbsUnauthorizedException;
import io.coco4j.protocol.error.KbsErrorType;
import io.coco4j.protocol.resource.ResourceUri;

import java.util.Arrays;

/**
 * KEKs from the KBS: the guest attests (cookie mode) and fetches the resource at {@code kid}, the
 * URI's host ignored as the reference does. Refusals become {@link KeyNotReleasedException}.
 */
public final class KbsKekSource implements KekSource {

    private final KbsClient client;

    public KbsKekSource(KbsClient client) {
        this.client = client;
    }

    @Override
    public byte[] kek(ResourceUri kid) throws KeyUnwrapException {
        byte[] kek;
        try {
            kek = client.getResource(kid);
        } catch (KbsUnauthorizedException e) {
            boolean denied = e.errorInformation().map(info -> KbsErrorType.POLICY_DENY.variant().equals(info.variant())).orElse(false);
            throw new KeyNotReleasedException(denied ? KeyNotReleasedException.Reason.POLICY_DENIED
                    : KeyNotReleasedException.Reason.ATTESTATION_REFUSED, kid.toString(), e);
        } catch (KbsAttestationException e) {
            throw new KeyNotReleasedException(KeyNotReleasedException.Reason.ATTESTATION_REFUSED, kid + ": " + e.getMessage(), e);
        } catch (KbsResourceNotFoundException e) {
            throw new KeyNotReleasedException(KeyNotReleasedException.Reason.NOT_FOUND, kid.toString(), e);
        } catch (KbsClientException e) {
            throw new KeyUnwrapException("cannot obtain the KEK " + kid + " from the KBS: " + e.getMessage(), e);
        }
        if (kek.length != WrapType.KEK_BYTES) {
            int length = kek.length;
            Arrays.fill(kek, (byte) 0);
            throw new KeyUnwrapException("the KBS resource " + kid + " is " + length + " bytes, not a " + WrapType.KEK_BYTES
                    + "-byte KEK");
        }
        return kek;
    }
}
