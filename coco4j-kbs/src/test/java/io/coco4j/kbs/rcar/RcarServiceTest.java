package io.coco4j.kbs.rcar;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.as.AttestationService;
import io.coco4j.as.ear.EarTokenBrokerSettings;
import io.coco4j.kbs.attestation.BuiltinAttestationBackend;
import io.coco4j.kbs.session.InMemorySessionStore;
import io.coco4j.protocol.testing.MutableClock;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.jose.TeePublicKey;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.rcar.HashAlgorithm;
import io.coco4j.protocol.rcar.RuntimeData;
import io.coco4j.rvps.BuiltinReferenceValueProvider;
import io.coco4j.rvps.store.InMemoryReferenceValueStore;
import io.coco4j.storage.MemoryStorage;
import io.coco4j.verifier.VerifierRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The RCAR state machine with the real built-in AS, on a clock the test moves. */
class RcarServiceTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
    private InMemorySessionStore sessions;
    private RcarService rcar;
    private final TeeKeyPair key = TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256);

    @BeforeEach
    void setUp() throws Exception {
        MemoryStorage storage = new MemoryStorage();
        AttestationService as = AttestationService.builder().storage(storage).tokenBroker(EarTokenBrokerSettings.defaults())
                .verifiers(VerifierRegistry.create(VerifierRegistry.Mode.DEVELOPMENT))
                .referenceValues(BuiltinReferenceValueProvider.builder(new InMemoryReferenceValueStore()).build()).clock(clock).build();
        sessions = new InMemorySessionStore(clock);
        rcar = new RcarService(sessions, new BuiltinAttestationBackend(as), clock, Duration.ofMinutes(5), TeePublicKey.KeyPolicy.DEFAULT);
    }

    @AfterEach
    void tearDown() {
        sessions.close();
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private RcarService.AuthResult auth() throws io.coco4j.kbs.api.KbsApiException {
        return rcar.auth(json("{\"version\":\"0.4.0\",\"tee\":\"sample\",\"extra-params\":\"\"}"));
    }

    private byte[] attestation(String nonce) {
        return attestation(nonce, nonce);
    }

    /** An attestation whose runtime data carries {@code nonce} and whose report binds {@code reportNonce}. */
    private byte[] attestation(String nonce, String reportNonce) {
        RuntimeData runtime = new RuntimeData(nonce, key.publicJwk());
        byte[] reportData = RuntimeData.digest(new RuntimeData(reportNonce, key.publicJwk()).primaryBinding(""), HashAlgorithm.SHA384);
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("runtime-data", Json.mapper().valueToTree(runtime));
        ObjectNode evidence = body.putObject("tee-evidence");
        evidence.putObject("primary_evidence").put("svn", "1").put("report_data", Base64.getEncoder().encodeToString(reportData));
        evidence.put("additional_evidence", "");
        return Json.writeBytes(body);
    }

    @Test
    void anHonestHandshakeAttestsTheSession() throws Exception {
        RcarService.AuthResult auth = auth();
        assertThat(auth.session().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
        RcarService.AttestResult result = rcar.attest(Optional.of(auth.session().id()), attestation(auth.challenge().nonce()));
        assertThat(result.session().isAttested()).isTrue();
        assertThat(result.session().expiresAt()).as("attest does not extend the session").isEqualTo(auth.session().expiresAt());
        assertThat(result.token().split("\\.")).hasSize(3);
    }

    @Test
    void anExpiredSessionIsUnknown() throws Exception {
        RcarService.AuthResult auth = auth();
        clock.advance(Duration.ofMinutes(5));
        assertThatThrownBy(() -> rcar.attest(Optional.of(auth.session().id()), attestation(auth.challenge().nonce())))
                .isInstanceOf(RcarException.UnknownSession.class);
        assertThat(sessions.size()).as("expired sessions are deleted on access").isZero();
    }

    @Test
    void eachRefusalHasItsOwnType() throws Exception {
        assertThatThrownBy(() -> rcar.auth(json("{\"version\":\"0.3.0\",\"tee\":\"sample\",\"extra-params\":\"\"}")))
                .isInstanceOf(RcarException.ProtocolVersionMismatch.class);
        assertThatThrownBy(() -> rcar.auth(json("{\"version\":\"0.4.0\",\"tee\":\"vax\",\"extra-params\":\"\"}")))
                .isInstanceOf(RcarException.UnknownTee.class);
        assertThatThrownBy(() -> rcar.auth(json("{\"version\":\"0.4.0\",\"tee\":\"tdx\",\"extra-params\":\"\"}")))
                .isInstanceOf(RcarException.TeeNotAccepted.class);
        assertThatThrownBy(() -> rcar.auth(json("{\"version\":\"0.4.0\",\"tee\":\"sample\"}")))
                .isInstanceOf(RcarException.MalformedMessage.class);
        assertThatThrownBy(() -> rcar.auth(json("not json"))).isInstanceOf(RcarException.MalformedMessage.class);

        RcarService.AuthResult auth = auth();
        Optional<String> id = Optional.of(auth.session().id());
        String nonce = auth.challenge().nonce();
        assertThatThrownBy(() -> rcar.attest(Optional.empty(), attestation(nonce))).isInstanceOf(RcarException.MissingSession.class);
        assertThatThrownBy(() -> rcar.attest(id, attestation(Base64.getEncoder().encodeToString(new byte[32]))))
                .isInstanceOf(RcarException.NonceMismatch.class);
        String toml = new String(attestation(nonce), StandardCharsets.UTF_8)
                .replaceFirst("\\{", "{\"init-data\":{\"format\":\"json\",\"body\":\"{}\"},");
        assertThatThrownBy(() -> rcar.attest(id, json(toml))).isInstanceOf(RcarException.UnsupportedInitData.class);
        byte[] wrongReport = attestation(nonce, Base64.getEncoder().encodeToString(new byte[32]));
        assertThatThrownBy(() -> rcar.attest(id, wrongReport)).isInstanceOf(RcarException.EvidenceRejected.class);
        String unknownDevice = new String(attestation(nonce), StandardCharsets.UTF_8)
                .replace("\"additional_evidence\":\"\"", "\"additional_evidence\":\"{\\\"gpu9000\\\":{}}\"");
        assertThatThrownBy(() -> rcar.attest(id, json(unknownDevice))).isInstanceOf(RcarException.MalformedMessage.class);
        // none of the refusals attested the session
        assertThat(sessions.get(auth.session().id(), clock.instant()).orElseThrow().isAttested()).isFalse();
    }
}
