package io.coco4j.kbs.plugin.pkcs11;

import io.coco4j.kbs.api.KbsApiException;
import io.coco4j.kbs.plugin.KbsPlugin;
import io.coco4j.kbs.plugin.PluginRequest;
import io.coco4j.kbs.resource.InvalidResourcePathException;
import io.coco4j.kbs.resource.ResourceNotFoundException;
import io.coco4j.protocol.error.KbsErrorType;
import io.coco4j.protocol.resource.ResourceUri;
import io.coco4j.storage.KeyValueStore;
import io.coco4j.storage.StorageException;

import java.security.GeneralSecurityException;
import java.util.List;

/**
 * The {@code pkcs11} plugin: {@code /kbs/v0/pkcs11/resource/<repo>/<type>/<tag>}. Resources are
 * sealed by a key inside a PKCS#11 token (see {@link TokenSealer}) and only the sealed bytes are
 * stored, in the {@code pkcs11} namespace. GET is for attested guests and encrypted to their TEE
 * key; POST (store) and DELETE are for administrators. The reference's {@code wrap-key} endpoint is
 * not offered.
 */
public final class Pkcs11Plugin implements KbsPlugin {

    public static final String NAME = "pkcs11";
    /** Storage namespace of the sealed resources. */
    public static final String NAMESPACE = "pkcs11";
    private static final String RESOURCE = "resource";

    private final TokenSealer sealer;
    private final KeyValueStore store;

    Pkcs11Plugin(TokenSealer sealer, KeyValueStore store) {
        this.sealer = sealer;
        this.store = store;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean requiresAdmin(PluginRequest request) {
        return !request.isGet();
    }

    @Override
    public boolean encryptsResponse(PluginRequest request) {
        return request.isGet();
    }

    @Override
    public byte[] handle(PluginRequest request) throws KbsApiException {
        String key = key(request.path());
        try {
            switch (request.method()) {
                case "GET": {
                    byte[] sealed = store.get(key).orElseThrow(() -> new ResourceNotFoundException(key));
                    return sealer.open(key, sealed);
                }
                case "POST":
                    store.put(key, sealer.seal(key, request.body()));
                    return new byte[0];
                case "DELETE":
                    if (!store.delete(key)) {
                        throw new ResourceNotFoundException(key);
                    }
                    return new byte[0];
                default:
                    throw new KbsApiException(KbsErrorType.PLUGIN_INTERNAL_ERROR, "the pkcs11 plugin does not support " + request.method());
            }
        } catch (GeneralSecurityException e) {
            // the message of a failed unseal says nothing about the secret; keep it out of the answer anyway
            throw new KbsApiException(KbsErrorType.PLUGIN_INTERNAL_ERROR, "the token could not seal or open resource " + key, e);
        } catch (StorageException e) {
            throw new KbsApiException(KbsErrorType.PLUGIN_INTERNAL_ERROR, "pkcs11 resource storage failed: " + e.getMessage(), e);
        }
    }

    private static String key(List<String> path) throws KbsApiException {
        if (path.isEmpty() || !path.get(0).equals(RESOURCE)) {
            throw new KbsApiException(KbsErrorType.PLUGIN_INTERNAL_ERROR, "the pkcs11 plugin serves resource/<repository>/<type>/<tag> only");
        }
        List<String> resource = path.subList(1, path.size());
        if (!ResourceUri.isValidResourcePath(resource)) {
            throw new InvalidResourcePathException(String.join("/", resource));
        }
        return String.join("/", resource);
    }
}
