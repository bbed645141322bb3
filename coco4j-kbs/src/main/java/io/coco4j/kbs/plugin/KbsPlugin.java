package io.coco4j.kbs.plugin;

import io.coco4j.kbs.api.KbsApiException;

/**
 * A KBS plugin, addressed as {@code /kbs/v0/<name>/...}. The plugin says per request whether the
 * caller must be an administrator or an attested guest, and whether its answer is encrypted to the
 * guest's TEE key. Plugins are built from their {@code [[plugins]]} entry by a {@link KbsPluginFactory}.
 */
public interface KbsPlugin {

    String name();

    /** Whether the request needs admin authentication (otherwise: an attestation token and the resource policy). */
    boolean requiresAdmin(PluginRequest request) throws KbsApiException;

    /** Whether the output is secret and must be returned as a JWE to the TEE key. */
    boolean encryptsResponse(PluginRequest request) throws KbsApiException;

    /** Runs the request; the returned bytes are the response body (before any encryption). */
    byte[] handle(PluginRequest request) throws KbsApiException;
}
