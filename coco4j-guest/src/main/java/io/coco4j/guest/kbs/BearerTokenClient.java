package io.coco4j.guest.kbs;

import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.resource.ResourceUri;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Token mode: fetches resources with {@code Authorization: Bearer <token>} and no session cookie, the
 * way the Confidential Data Hub uses tokens the attestation agent obtained. Each JWE is opened with
 * the key pair delivered with the token. A 401, or a token already expired by its own claims, leads
 * to a new token from the {@link TokenProvider}; up to {@link #RESOURCE_ATTEMPTS} requests per
 * resource. Safe for use by several threads; requests run one at a time.
 */
public final class BearerTokenClient {

    public static final int RESOURCE_ATTEMPTS = ResourceFetch.ATTEMPTS;

    private final KbsHttp http;
    private final TokenProvider tokens;
    private final Clock clock;

    private final ReentrantLock lock = new ReentrantLock();
    private TokenCredential current; // guarded by lock

    private BearerTokenClient(Builder builder) {
        this.http = new KbsHttp(builder.connection, false);
        this.tokens = builder.tokens;
        this.current = builder.initialToken;
        this.clock = builder.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    public KbsConnection connection() {
        return http.connection();
    }

    /**
     * Fetches and decrypts a resource with the current token, obtaining one first if there is none.
     *
     * @throws KbsResourceNotFoundException on 404 (not retried)
     * @throws KbsUnauthorizedException     when every attempt was answered 401
     */
    public byte[] getResource(ResourceUri resource) throws KbsClientException {
        Objects.requireNonNull(resource, "resource");
        lock.lock();
        try {
            if (current == null || !current.token().isValidAt(clock.instant())) {
                renew();
            }
            return ResourceFetch.fetch(http, resource, new ResourceFetch.Authorisation() {
                @Override
                public String bearerToken() {
                    return current.token().jwt();
                }

                @Override
                public TeeKeyPair teeKeyPair() {
                    return current.teeKeyPair();
                }

                @Override
                public void renew() throws KbsClientException {
                    BearerTokenClient.this.renew();
                }
            });
        } finally {
            lock.unlock();
        }
    }

    private void renew() throws KbsClientException {
        TokenCredential fresh = tokens.newToken();
        if (fresh == null) {
            throw new IllegalStateException("the token provider returned no token");
        }
        current = fresh;
    }

    public static final class Builder {

        private KbsConnection connection;
        private TokenProvider tokens;
        private TokenCredential initialToken;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder url(String url) {
            this.connection = KbsConnection.to(url);
            return this;
        }

        public Builder connection(KbsConnection connection) {
            this.connection = Objects.requireNonNull(connection, "connection");
            return this;
        }

        /** Where new tokens come from. Required. */
        public Builder tokenProvider(TokenProvider provider) {
            this.tokens = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** A token obtained beforehand, used until it expires or is refused. */
        public Builder initialToken(TokenCredential credential) {
            this.initialToken = Objects.requireNonNull(credential, "credential");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public BearerTokenClient build() {
            if (connection == null) {
                throw new IllegalStateException("the KBS URL is not set");
            }
            if (tokens == null) {
                throw new IllegalStateException("no token provider is set");
            }
            return new BearerTokenClient(this);
        }
    }
}
