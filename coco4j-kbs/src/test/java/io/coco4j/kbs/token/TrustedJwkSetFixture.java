package io.coco4j.kbs.token;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.kbs.jwks.TrustedJwkSet;
import io.coco4j.kbs.testing.TestPki;
import java.security.KeyPair;
import java.util.List;

/** A one-key JWK set for tests. */
record TrustedJwkSetFixture(TrustedJwkSet set) {

    static TrustedJwkSetFixture withKey(String kid, KeyPair keys, String alg) {
        JsonNode jwk = TestPki.jwk(keys.getPublic(), alg).put("kid", kid);
        return new TrustedJwkSetFixture(new TrustedJwkSet("test", List.of(jwk)));
    }
}
