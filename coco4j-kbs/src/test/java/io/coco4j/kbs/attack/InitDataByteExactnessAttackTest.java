package io.coco4j.kbs.attack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.server.ServerMode;
import io.coco4j.kbs.server.TestKbs;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.rcar.HashAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import static io.coco4j.kbs.attack.Refusals.assertRefused;
import static io.coco4j.kbs.attack.Refusals.b64url;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Init-data is measured over its exact bytes: a policy that pins the digest of the intended
 * document refuses a guest booted with a document that differs by one whitespace character.
 */
class InitDataByteExactnessAttackTest {

    private static final String INIT_DATA = "algorithm = \"sha384\"\nversion = \"0.1.0\"\n\n[data]\n\"aa.toml\" = '''\n"
            + "[token_configs.kbs]\nurl = \"http://10.0.0.1:8080\"\n'''\n";

    @TempDir
    Path dir;

    private static String attestationPolicy(String pinnedDigest) {
        return "package policy\nimport rego.v1\n"
                + "default ok := false\nok if input.init_data == \"" + pinnedDigest + "\"\n"
                + "trust_claims := {\"executables\": 3, \"hardware\": 2, \"configuration\": 2} if ok\n"
                + "else := {\"executables\": 33, \"hardware\": 97, \"configuration\": 36}\n";
    }

    private static int fetchWithInitData(TestKbs kbs, String initData) throws Exception {
        TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
        guest.auth("sample");
        ObjectNode body = guest.attestation(guest.nonce, guest.nonce);
        body.putObject("init-data").put("format", "toml").put("body", initData);
        assertThat(guest.attest(body).statusCode()).isEqualTo(200);
        return guest.getResource("default/key/1").statusCode();
    }

    @Test
    void aDocumentThatDiffersByOneByteIsNotTheOnePinned() throws Exception {
        try (TestKbs kbs = TestKbs.start(dir, ServerMode.DEVELOPMENT)) {
            kbs.setResource("default/key/1", new byte[] {1});
            String admin = "Bearer " + kbs.adminToken();
            String pinned = Base64.getEncoder().encodeToString(HashAlgorithm.SHA384.digest(INIT_DATA.getBytes(StandardCharsets.UTF_8)));
            assertThat(kbs.post("/kbs/v0/attestation-policy", "{\"policy_id\":\"default_cpu\",\"policy\":\"" + b64url(attestationPolicy(pinned))
                    + "\"}", "Authorization", admin).statusCode()).isEqualTo(200);
            // coco4j's affirming policy never serves the sample TEE: this one checks the appraisal status only
            String statusOnly = "package policy\nimport rego.v1\ndefault allow := false\n"
                    + "allow if input.submods.cpu0[\"ear.status\"] == \"affirming\"\n";
            assertThat(kbs.post("/kbs/v0/resource-policy", "{\"policy\":\"" + b64url(statusOnly) + "\"}", "Authorization", admin)
                    .statusCode()).isEqualTo(200);

            assertThat(fetchWithInitData(kbs, INIT_DATA)).isEqualTo(200);
            assertThat(fetchWithInitData(kbs, INIT_DATA.replace("version = ", "version  = "))).isEqualTo(401);
            assertThat(fetchWithInitData(kbs, INIT_DATA + "\n")).isEqualTo(401);
            assertThat(fetchWithInitData(kbs, INIT_DATA.replace("\n", "\r\n"))).isEqualTo(401);
        }
    }

    @Test
    void initDataInAnotherFormatIsRefused() throws Exception {
        try (TestKbs kbs = TestKbs.start(dir, ServerMode.DEVELOPMENT)) {
            TestKbs.Guest guest = kbs.guest(TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256));
            guest.auth("sample");
            ObjectNode body = guest.attestation(guest.nonce, guest.nonce);
            body.putObject("init-data").put("format", "json").put("body", Json.write(Json.mapper().createObjectNode()));
            assertRefused(guest.attest(body), 401, "AttestationError");
        }
    }
}
