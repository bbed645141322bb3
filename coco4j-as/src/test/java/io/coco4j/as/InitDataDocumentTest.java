package io.coco4j.as;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.rcar.HashAlgorithm;
import io.coco4j.protocol.rcar.InitData;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InitDataDocumentTest {

    /** Guest spec Appendix B.4, exactly eight lines each ending in a newline. */
    static final String B4 = "algorithm = \"sha384\"\n"
            + "version = \"0.1.0\"\n"
            + "\n"
            + "[data]\n"
            + "\"aa.toml\" = '''\n"
            + "[token_configs.kbs]\n"
            + "url = \"http://10.0.0.1:8080\"\n"
            + "'''\n";

    @Test
    void guestSpecVectorB4() throws Exception {
        InitDataDocument document = InitDataDocument.parse(B4);
        assertThat(document.version()).isEqualTo("0.1.0");
        assertThat(document.algorithm()).isEqualTo(HashAlgorithm.SHA384);
        assertThat(HexFormat.of().formatHex(document.digest())).isEqualTo(
                "7e11d1b084ba7b39e855c8941e10e644037ec2437b53950eacd518b5d7602f6ff13cf1de2fdc2cd20deef601824e9e65");
        assertThat(Base64.getEncoder().encodeToString(document.digest())).isEqualTo("fhHRsIS6eznoVciUHhDmRAN+wkN7U5UOrNUYtddgL2/xPPHeL9ws0g3u9gGCTp5l");
        assertThat(document.data()).containsOnlyKeys("aa.toml");
        assertThat(document.claims()).isEqualTo(Json.readTree("{\"aa.toml\":{\"token_configs\":{\"kbs\":{\"url\":\"http://10.0.0.1:8080\"}}}}"));
    }

    @Test
    void digestUsesTheDocumentsOwnAlgorithmOverTheExactBytes() throws Exception {
        String sha256 = B4.replace("sha384", "sha256");
        assertThat(InitDataDocument.parse(sha256).digest())
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(sha256.getBytes(StandardCharsets.UTF_8)));
        String sha512 = B4.replace("sha384", "sha512") + "\n";
        assertThat(InitDataDocument.parse(sha512).digest())
                .isEqualTo(MessageDigest.getInstance("SHA-512").digest(sha512.getBytes(StandardCharsets.UTF_8)));
        String sm3 = B4.replace("sha384", "sm3");
        assertThat(InitDataDocument.parse(sm3).digest()).hasSize(32).isEqualTo(HashAlgorithm.SM3.digest(sm3.getBytes(StandardCharsets.UTF_8)));
        // A single extra byte changes the digest: there is no canonicalisation.
        assertThat(InitDataDocument.parse(B4 + " ").digest()).isNotEqualTo(InitDataDocument.parse(B4).digest());
    }

    @Test
    void onlyLowercaseAlgorithmNamesAreAccepted() {
        for (String name : new String[] {"SHA384", "sha-384", "Sha384", "md5", ""}) {
            assertThatThrownBy(() -> InitDataDocument.parse(B4.replace("sha384", name)))
                    .as(name).isInstanceOf(InitDataException.class).hasMessageContaining("algorithm");
        }
    }

    @Test
    void requiredMembersAndTypes() {
        assertThatThrownBy(() -> InitDataDocument.parse(B4.replace("version = \"0.1.0\"\n", "")))
                .isInstanceOf(InitDataException.class).hasMessageContaining("version");
        assertThatThrownBy(() -> InitDataDocument.parse(B4.replace("version = \"0.1.0\"", "version = 1")))
                .isInstanceOf(InitDataException.class).hasMessageContaining("version");
        assertThatThrownBy(() -> InitDataDocument.parse("algorithm = \"sha384\"\nversion = \"0.1.0\"\n"))
                .isInstanceOf(InitDataException.class).hasMessageContaining("data");
        assertThatThrownBy(() -> InitDataDocument.parse("algorithm = \"sha384\"\nversion = \"0.1.0\"\n[data]\nx = 1\n"))
                .isInstanceOf(InitDataException.class).hasMessageContaining("'x' is not a string");
        assertThatThrownBy(() -> InitDataDocument.parse("algorithm = \"sha384\"\nversion = \"0.1.0\"\ndata = \"x\"\n"))
                .isInstanceOf(InitDataException.class).hasMessageContaining("data");
    }

    @Test
    void notTomlIsAnInitDataError() {
        assertThatThrownBy(() -> InitDataDocument.parse("{\"version\":\"0.1.0\"}"))
                .isInstanceOf(InitDataException.class).hasMessageContaining("not valid TOML");
        assertThatThrownBy(() -> InitDataDocument.parse("algorithm = \"sha384\"\nalgorithm = \"sha256\"\nversion = \"0.1.0\"\n[data]\n"))
                .isInstanceOf(InitDataException.class).hasMessageContaining("not valid TOML");
    }

    @Test
    void emptyDataTableAndUnknownTopLevelKeysAreAccepted() throws Exception {
        InitDataDocument document = InitDataDocument.parse("algorithm = \"sha256\"\nversion = \"0.1.0\"\nextra = 5\n[data]\n");
        assertThat(document.data()).isEmpty();
        assertThat(document.claims()).isEmpty();
    }

    @Test
    void configFilesThatAreNotTomlStayText() throws Exception {
        String doc = "algorithm = \"sha256\"\nversion = \"0.1.0\"\n[data]\n\"cdh.toml\" = \"[[broken\"\n\"other.txt\" = \"a = 1\"\n";
        ObjectNode claims = InitDataDocument.parse(doc).claims();
        assertThat(claims.get("cdh.toml").asText()).isEqualTo("[[broken");
        assertThat(claims.get("other.txt").asText()).isEqualTo("a = 1");
    }

    @Test
    void agentPolicyDataBecomesAgentPolicyClaims() throws Exception {
        String rego = "package agent_policy\\n\\ndefault CreateContainerRequest := false\\n\\npolicy_data := {\\n  \\\"containers\\\": [{\\\"OCI\\\": {\\\"Annotations\\\": {\\\"io.kubernetes.cri.image-name\\\": \\\"pause\\\"}}}]\\n}\\n";
        String doc = "algorithm = \"sha256\"\nversion = \"0.1.0\"\n[data]\n\"policy.rego\" = \"" + rego + "\"\n";
        ObjectNode claims = InitDataDocument.parse(doc).claims();
        assertThat(claims.has("policy.rego")).isFalse();
        assertThat(claims.get("agent_policy_claims")).isEqualTo(Json.readTree(
                "{\"containers\":[{\"OCI\":{\"Annotations\":{\"io.kubernetes.cri.image-name\":\"pause\"}}}]}"));
    }

    @Test
    void agentPolicyWithRulesAfterItsDataStaysText() throws Exception {
        String rego = "policy_data := {\\\"a\\\": 1}\\nallow := true\\n";
        String doc = "algorithm = \"sha256\"\nversion = \"0.1.0\"\n[data]\n\"policy.rego\" = \"" + rego + "\"\n";
        ObjectNode claims = InitDataDocument.parse(doc).claims();
        assertThat(claims.has("agent_policy_claims")).isFalse();
        assertThat(claims.get("policy.rego").asText()).startsWith("policy_data := {");
    }

    @Test
    void onlyTheTomlFormatIsAccepted() throws Exception {
        assertThat(InitDataInput.fromAttestation(InitData.toml(B4))).isEqualTo(InitDataInput.toml(B4));
        assertThat(InitDataInput.fromAttestation(null)).isEqualTo(InitDataInput.NONE);
        assertThatThrownBy(() -> InitDataInput.fromAttestation(new InitData("json", "{}")))
                .isInstanceOf(UnsupportedInitDataFormatException.class)
                .hasMessageContaining("'json'")
                .satisfies(e -> assertThat(((AttestationException) e).kind()).isEqualTo(AttestationException.Kind.INIT_DATA));
        assertThatThrownBy(() -> InitDataInput.fromAttestation(new InitData("TOML", B4))).isInstanceOf(UnsupportedInitDataFormatException.class);
    }
}
