package io.coco4j.kbs.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.coco4j.protocol.json.Json;
import org.junit.jupiter.api.Test;

class AuditSubjectsTest {

    private static JsonNode node(JWK jwk) throws Exception {
        return Json.readTree(jwk.toPublicJWK().toJSONString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void thumbprintsEqualThoseOfAFullyParsedKey() throws Exception {
        for (JWK jwk : new JWK[] {
                new ECKeyGenerator(Curve.P_256).generate(),
                new ECKeyGenerator(Curve.P_384).generate(),
                new RSAKeyGenerator(2048).generate(),
                new OctetKeyPairGenerator(Curve.Ed25519).generate()}) {
            String expected = jwk.toPublicJWK().computeThumbprint().toString();
            ObjectNode withExtras = (ObjectNode) node(jwk);
            withExtras.put("alg", "ECDH-ES+A256KW").put("use", "enc").put("kid", "k1");
            assertThat(AuditSubjects.thumbprint(node(jwk))).contains(expected);
            assertThat(AuditSubjects.thumbprint(withExtras)).as("members outside RFC 7638 are ignored").contains(expected);
        }
    }

    @Test
    void somethingThatIsNotAJwkHasNoThumbprint() throws Exception {
        ObjectNode ec = (ObjectNode) node(new ECKeyGenerator(Curve.P_256).generate());
        assertThat(AuditSubjects.thumbprint(null)).isEmpty();
        assertThat(AuditSubjects.thumbprint(Json.mapper().getNodeFactory().textNode("jwk"))).isEmpty();
        assertThat(AuditSubjects.thumbprint(ec.deepCopy().put("kty", "XYZ"))).isEmpty();
        ObjectNode withoutY = ec.deepCopy();
        withoutY.remove("y");
        assertThat(AuditSubjects.thumbprint(withoutY)).isEmpty();
        assertThat(AuditSubjects.thumbprint(ec.deepCopy().put("x", 5))).isEmpty();
    }
}
