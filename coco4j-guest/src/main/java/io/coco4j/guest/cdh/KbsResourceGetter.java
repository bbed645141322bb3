package io.coco4j.guest.cdh;

import io.coco4j.guest.kbs.BearerTokenClient;
import io.coco4j.guest.kbs.KbsClientException;
import io.coco4j.guest.kbs.KbsConnection;
import io.coco4j.guest.kbs.KbsResourceNotFoundException;
import io.coco4j.guest.kbs.TokenProvider;
import io.coco4j.protocol.resource.ResourceUri;

/**
 * The {@code cc_kbc} getter: resources are requested from the KBS in token mode
 * ({@code Authorization: Bearer}), with tokens the attestation agent obtains, each resource decrypted
 * with the key delivered with its token. Tokens are reused until they expire or are refused.
 */
public final class KbsResourceGetter implements ResourceGetter {

    private final BearerTokenClient client;

    public KbsResourceGetter(KbsConnection connection, TokenProvider tokens) {
        this.client = BearerTokenClient.builder().connection(connection).tokenProvider(tokens).build();
    }

    @Override
    public byte[] getResource(ResourceUri uri) throws ResourceException {
        try {
            return client.getResource(uri);
        } catch (KbsResourceNotFoundException e) {
            throw new ResourceException(e.getMessage(), true, e);
        } catch (KbsClientException e) {
            throw new ResourceException(e.getMessage(), false, e);
        }
    }
}
