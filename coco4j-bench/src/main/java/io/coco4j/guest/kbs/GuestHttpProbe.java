package io.coco4j.guest.kbs;

import java.net.URI;

/**
 * The guest's own HTTP layer (the package-private {@link KbsHttp} every KBS client uses), opened to the
 * benchmarks: one request made exactly as a KBS client makes it, on its kept-alive connection.
 */
public final class GuestHttpProbe {

    private final KbsHttp http;

    public GuestHttpProbe(String baseUrl) {
        this.http = new KbsHttp(KbsConnection.to(baseUrl), true);
    }

    /** {@code GET url}, the body read as the client reads it; the status. */
    public int get(URI url) throws KbsClientException {
        return http.get(url, null).status();
    }
}
