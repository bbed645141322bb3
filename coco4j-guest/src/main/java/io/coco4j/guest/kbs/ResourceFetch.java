package io.coco4j.guest.kbs;

import io.coco4j.protocol.error.ErrorInformation;
import io.coco4j.protocol.jose.JweException;
import io.coco4j.protocol.jose.JweResponse;
import io.coco4j.protocol.jose.ResourceDecryptor;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.resource.ResourceUri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;

/**
 * The resource GET and its status rules, shared by cookie and token mode: 200 → decrypt the JWE with
 * the current TEE key; 401 → renew the authorisation (new handshake or new token) and retry, up to
 * {@link #ATTEMPTS} requests; 404 → not found, final; anything else → error with the server's body.
 */
final class ResourceFetch {

    /** Requests per resource, as the reference client. */
    static final int ATTEMPTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(ResourceFetch.class);

    /** The authorisation a request goes out with, renewed on 401. */
    interface Authorisation {

        /** The {@code Authorization: Bearer} token, or {@code null} to rely on the session cookie. */
        String bearerToken();

        /** The key the KBS encrypts to under the current authorisation. */
        TeeKeyPair teeKeyPair();

        /** Obtains a new authorisation after a 401. */
        void renew() throws KbsClientException;
    }

    private ResourceFetch() {
    }

    static byte[] fetch(KbsHttp http, ResourceUri resource, Authorisation authorisation) throws KbsClientException {
        URI url = resource.toUrl(http.connection().baseUrl());
        ErrorInformation lastRefusal = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            KbsHttp.Answer answer = http.get(url, authorisation.bearerToken());
            switch (answer.status()) {
                case 200:
                    return open(answer, resource, authorisation.teeKeyPair());
                case 401:
                    lastRefusal = answer.errorInformation();
                    if (attempt < ATTEMPTS) {
                        LOG.warn("KBS refused {} (attempt {}/{}{}); re-authorising", resource, attempt, ATTEMPTS,
                                lastRefusal == null ? "" : ": " + KbsClientException.oneLine(lastRefusal.variant()));
                        authorisation.renew();
                    }
                    break;
                case 404:
                    throw new KbsResourceNotFoundException("resource " + resource + " not found", answer.errorInformation());
                default:
                    throw new KbsHttpStatusException("the KBS failed the request for " + resource, answer.status(),
                            answer.errorInformation());
            }
        }
        throw new KbsUnauthorizedException("the KBS refused access to " + resource + " after " + ATTEMPTS + " attempts",
                ATTEMPTS, lastRefusal);
    }

    private static byte[] open(KbsHttp.Answer answer, ResourceUri resource, TeeKeyPair keys) throws KbsProtocolException {
        JweResponse jwe;
        try {
            jwe = Json.read(answer.body(), JweResponse.class);
        } catch (IOException e) {
            throw new KbsProtocolException("the KBS answer for " + resource + " is not a resource JWE: " + jsonProblem(e), e);
        }
        try {
            return ResourceDecryptor.decrypt(jwe, keys);
        } catch (JweException e) {
            throw new KbsProtocolException("cannot decrypt " + resource + ": " + e.getMessage(), e);
        }
    }

    /** Jackson's description of what is wrong, without the location dump (the body is never quoted). */
    static String jsonProblem(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
            String message = json.getOriginalMessage();
            int detail = message.indexOf('\n');
            return detail < 0 ? message : message.substring(0, detail);
        }
        return e.getClass().getSimpleName();
    }
}
