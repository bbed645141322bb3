package io.coco4j.cli.guest;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.coco4j.cli.Main;
import io.coco4j.guest.aa.AttestationAgentService;
import io.coco4j.guest.aa.KbsTokenResponse;
import io.coco4j.guest.aa.api.GetTeeTypeRequest;
import io.coco4j.guest.aa.api.GetTokenRequest;
import io.coco4j.guest.attester.Attesters;
import io.coco4j.guest.attester.SampleAttester;
import io.coco4j.guest.cdh.ConfidentialDataHubService;
import io.coco4j.guest.cdh.api.GetResourceRequest;
import io.coco4j.guest.cdh.api.ImagePullRequest;
import io.coco4j.guest.cdh.api.UnsealSecretInput;
import io.coco4j.guest.initdata.InitDataDocument;
import io.coco4j.guest.kbs.TokenCredential;
import io.coco4j.guest.rpc.RpcClient;
import io.coco4j.guest.rpc.RpcStatusException;
import io.coco4j.guest.sdk.Coco4j;
import io.coco4j.guest.sdk.Coco4jClient;
import io.coco4j.guest.sdk.Coco4jException;
import io.coco4j.guest.secret.SealedSecret;
import io.coco4j.guest.secret.SecretPayload;
import io.coco4j.kbs.server.ServerMode;
import io.coco4j.kbs.server.TestKbs;
import io.coco4j.protocol.json.Json;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The guest daemons end to end with a real KBS (development mode, sample TEE): {@code coco4j aa}
 * and {@code coco4j cdh} started from their command lines on ttRPC sockets (and gRPC), tokens
 * verified against the KBS's published keys, resources and sealed secrets through the CDH, the REST
 * facade and the SDK, and init-data that a resource policy pins.
 */
class GuestDaemonsEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final byte[] APP_KEY = "application key \u0001\u0002".getBytes(StandardCharsets.ISO_8859_1);
    private static final String INIT_DATA = "algorithm = \"sha384\"\nversion = \"0.1.0\"\n\n[data]\n\"cdh.toml\" = '''\nsocket = \"x\"\n'''\n";

    @TempDir
    Path dir;

    private TestKbs kbs;
    private final List<AutoCloseable> started = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        kbs = TestKbs.start(dir.resolve("kbs"), ServerMode.DEVELOPMENT);
        kbs.setResource("default/app/key", APP_KEY);
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        kbs.close();
    }

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    /** Starts {@code coco4j aa} in this process with the sample attester and the KBS from its config file. */
    private DaemonLifetime aa(String socketName, String... extra) throws Exception {
        Path config = write(socketName + ".toml", "[token_configs.kbs]\nurl = \"" + kbs.url + "\"\n");
        List<String> args = new ArrayList<>(List.of("-a", "unix://" + dir.resolve(socketName), "-c", config.toString(), "--attester", "sample"));
        args.addAll(List.of(extra));
        AaCommand command = new AaCommand();
        CommandLine commandLine = new CommandLine(command);
        commandLine.setErr(new PrintWriter(new StringWriter(), true));
        commandLine.parseArgs(args.toArray(String[]::new));
        DaemonLifetime daemon = command.start(Map.of("AAEL_PATH", dir.resolve("aael").toString()), Attesters.Platform.system());
        started.add(daemon);
        return daemon;
    }

    private DaemonLifetime cdh(String socketName, String aaSocket) throws Exception {
        Path config = write(socketName + ".toml", "socket = \"unix://" + dir.resolve(socketName) + "\"\n[kbc]\nname = \"cc_kbc\"\nurl = \""
                + kbs.url + "\"\n[aa]\naa_socket = \"unix://" + dir.resolve(aaSocket) + "\"\n");
        CdhCommand command = new CdhCommand();
        CommandLine commandLine = new CommandLine(command);
        commandLine.setErr(new PrintWriter(new StringWriter(), true));
        commandLine.parseArgs("-c", config.toString(), "--grpc", "127.0.0.1:0");
        DaemonLifetime daemon = command.start(Map.of(), dir);
        started.add(daemon);
        return daemon;
    }

    private RpcClient client(String address) {
        RpcClient client = RpcClient.connect(address);
        started.add(client);
        return client;
    }

    private JWKSet kbsKeys() throws Exception {
        HttpResponse<byte[]> response = kbs.send("GET", "/.well-known/jwks.json", null);
        assertThat(response.statusCode()).isEqualTo(200);
        return JWKSet.parse(new String(response.body(), StandardCharsets.UTF_8));
    }

    /** Verifies a token's signature with the KBS's published key of its kid; returns its claims. */
    private JsonNode verifiedClaims(String token) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        JWK key = kbsKeys().getKeyByKeyId(jwt.getHeader().getKeyID());
        if (key == null && kbsKeys().getKeys().size() == 1) {
            key = kbsKeys().getKeys().get(0);
        }
        assertThat(key).as("the token's key is published by the KBS").isNotNull();
        JWSVerifier verifier = key instanceof ECKey ec ? new ECDSAVerifier(ec) : new RSASSAVerifier((RSAKey) key);
        assertThat(jwt.verify(verifier)).as("token signature").isTrue();
        return Json.readTree(jwt.getPayload().toBytes());
    }

    @Test
    void aaTokensVerifyWithTheKbsKeysAndCarryTheInitDataDigest() throws Exception {
        Path initData = write("initdata.toml", INIT_DATA);
        DaemonLifetime aa = aa("aa.sock", "-t", initData.toString(), "--grpc", "127.0.0.1:0");
        RpcClient ttrpc = client(aa.addresses().get(0));
        assertThat(ttrpc.call(AttestationAgentService.GET_TEE_TYPE, GetTeeTypeRequest.getDefaultInstance(), TIMEOUT).getTee()).isEqualTo("sample");

        byte[] answer = ttrpc.call(AttestationAgentService.GET_TOKEN, GetTokenRequest.newBuilder().setTokenType("kbs").build(), TIMEOUT)
                .getToken().toByteArray();
        JsonNode response = Json.readTree(answer);
        assertThat(response.get("tee_keypair").asText()).startsWith("-----BEGIN PRIVATE KEY-----");
        TokenCredential credential = KbsTokenResponse.decode(answer);
        JsonNode claims = verifiedClaims(credential.token().jwt());
        String digest = InitDataDocument.parse(INIT_DATA).digestBase64();
        JsonNode annotated = claims.at("/submods/cpu0").get("ear.veraison.annotated-evidence");
        assertThat(annotated.get("init_data").asText()).isEqualTo(digest);
        // the token's TEE key is the one handed out with it
        assertThat(Json.write(claims)).contains(credential.teeKeyPair().publicJwk().toJson().get("x").asText());

        RpcClient grpc = client(aa.addresses().get(1));
        byte[] viaGrpc = grpc.call(AttestationAgentService.GET_TOKEN, GetTokenRequest.newBuilder().setTokenType("kbs").build(), TIMEOUT)
                .getToken().toByteArray();
        assertThat(verifiedClaims(KbsTokenResponse.decode(viaGrpc).token().jwt())).isNotNull();

        assertThatThrownBy(() -> ttrpc.call(AttestationAgentService.GET_TOKEN, GetTokenRequest.newBuilder().setTokenType("kbs2").build(), TIMEOUT))
                .isInstanceOfSatisfying(RpcStatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).contains("unsupported token type 'kbs2'");
                });
    }

    @Test
    void cdhServesResourcesAndSealedSecretsMadeByTheCommandLine() throws Exception {
        // the tenant: a signing key pair, the public half published in the KBS, a secret, a sealed reference to it
        Run keygen = run("secret", "keygen", "--out", dir.resolve("keys").toString());
        assertThat(keygen.exitCode()).as(keygen.err()).isZero();
        kbs.setResource("default/sealed-secret-keys/1", Files.readAllBytes(dir.resolve("keys/signing-key.pub.jwk")));
        kbs.setResource("default/db/password", "s3cr3t".getBytes(StandardCharsets.UTF_8));
        Run seal = run("secret", "seal", "--key-id", "kbs:///default/sealed-secret-keys/1",
                "--signing-key", dir.resolve("keys/signing-key.jwk").toString(), "kbs:///default/db/password");
        assertThat(seal.exitCode()).as(seal.err()).isZero();
        String sealed = seal.out().strip();
        assertThat(sealed).startsWith("sealed.").doesNotContain("s3cr3t");

        aa("aa.sock");
        DaemonLifetime cdh = cdh("cdh.sock", "aa.sock");
        RpcClient hub = client(cdh.addresses().get(0));
        assertThat(hub.call(ConfidentialDataHubService.GET_RESOURCE, GetResourceRequest.newBuilder().setResourcePath("kbs:///default/app/key").build(),
                TIMEOUT).getResource().toByteArray()).isEqualTo(APP_KEY);
        assertThat(hub.call(ConfidentialDataHubService.UNSEAL_SECRET, UnsealSecretInput.newBuilder()
                .setSecret(ByteString.copyFromUtf8(sealed)).build(), TIMEOUT).getPlaintext().toStringUtf8()).isEqualTo("s3cr3t");
        // the same over the CDH's gRPC endpoint
        RpcClient grpcHub = client(cdh.addresses().get(1));
        assertThat(grpcHub.call(ConfidentialDataHubService.GET_RESOURCE, GetResourceRequest.newBuilder().setResourcePath("kbs:///default/app/key").build(),
                TIMEOUT).getResource().toByteArray()).isEqualTo(APP_KEY);

        // negatives: a bad signature, an unsupported KMS, malformed URIs, a missing resource, what is not supported yet
        String[] parts = sealed.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[3]);
        signature[10] ^= 1;
        String badSignature = parts[0] + "." + parts[1] + "." + parts[2] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        assertThatThrownBy(() -> hub.call(ConfidentialDataHubService.UNSEAL_SECRET, UnsealSecretInput.newBuilder()
                .setSecret(ByteString.copyFromUtf8(badSignature)).build(), TIMEOUT))
                .isInstanceOfSatisfying(RpcStatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(Status.Code.INTERNAL);
                    assertThat(e.getMessage()).startsWith("[CDH] [ERROR]: ").contains("signature does not verify").doesNotContain("s3cr3t");
                });
        String envelope = SealedSecret.seal(new SecretPayload.Envelope("aws", "alias/k", "a2V5", "ZGF0YQ==", "A256GCM", "aXY=", null, null),
                "kbs:///default/sealed-secret-keys/1", SecretCommand.readSigningKey(dir.resolve("keys/signing-key.jwk")));
        assertThatThrownBy(() -> hub.call(ConfidentialDataHubService.UNSEAL_SECRET, UnsealSecretInput.newBuilder()
                .setSecret(ByteString.copyFromUtf8(envelope)).build(), TIMEOUT))
                .hasMessageContaining("KMS provider 'aws' is not supported by coco4j");
        for (String malformed : List.of("kbs:///default/app", "https:///default/app/key", "kbs+:///default/app/key", "kbs://host",
                "kbs:///default/../key")) {
            assertThatThrownBy(() -> hub.call(ConfidentialDataHubService.GET_RESOURCE, GetResourceRequest.newBuilder().setResourcePath(malformed).build(),
                    TIMEOUT)).as(malformed)
                    .isInstanceOfSatisfying(RpcStatusException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        }
        assertThatThrownBy(() -> hub.call(ConfidentialDataHubService.GET_RESOURCE, GetResourceRequest.newBuilder()
                .setResourcePath("kbs:///default/app/missing").build(), TIMEOUT))
                .isInstanceOfSatisfying(RpcStatusException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.NOT_FOUND));
        assertThatThrownBy(() -> hub.call(ConfidentialDataHubService.PULL_IMAGE, ImagePullRequest.newBuilder().setImageUrl("Not An Image!")
                .setBundlePath(dir.resolve("bundle").toString()).build(), TIMEOUT))
                .isInstanceOfSatisfying(RpcStatusException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT));

        // the REST facade and the SDK in front of the same daemons
        Run restHelp = run("api-server-rest", "--help");
        assertThat(restHelp.exitCode()).isZero();
        ApiServerRestCommand rest = new ApiServerRestCommand();
        CommandLine restLine = new CommandLine(rest);
        restLine.setErr(new PrintWriter(new StringWriter(), true));
        restLine.parseArgs("--bind", "127.0.0.1:0", "--features", "all", "--aa", "unix://" + dir.resolve("aa.sock"),
                "--cdh", cdh.addresses().get(0));
        DaemonLifetime restServer = rest.start();
        started.add(restServer);
        HttpResponse<byte[]> viaRest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + restServer.addresses().get(0) + "/cdh/resource/default/app/key")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(viaRest.statusCode()).isEqualTo(200);
        assertThat(viaRest.body()).isEqualTo(APP_KEY);

        try (Coco4jClient sdk = Coco4j.connect(cdh.addresses().get(0), "unix://" + dir.resolve("aa.sock"))) {
            assertThat(sdk.getResource(URI.create("kbs:///default/app/key"))).isEqualTo(APP_KEY);
            assertThat(sdk.unsealSecret(sealed)).asString().isEqualTo("s3cr3t");
            assertThat(verifiedClaims(sdk.getToken())).isNotNull();
            assertThatThrownBy(() -> sdk.getResource("kbs:///default/app/missing"))
                    .isInstanceOfSatisfying(Coco4jException.class, e -> assertThat(e.notFound()).isTrue());
        }
    }

    @Test
    void theSdkAttestsInProcess() throws Exception {
        try (Coco4jClient sdk = Coco4j.inProcess().kbsUrl(kbs.url).attester(new SampleAttester()).handshakeRetryDelay(Duration.ZERO).build()) {
            assertThat(sdk.getResource("kbs:///default/app/key")).isEqualTo(APP_KEY);
            assertThat(verifiedClaims(sdk.getToken()).at("/submods/cpu0/ear.status").asText()).isNotEmpty();
            assertThatThrownBy(() -> sdk.getResource("kbs:///default/app")).isInstanceOf(Coco4jException.class);
        }
    }

    @Test
    void initDataThatAResourcePolicyPinsMustMatch() throws Exception {
        String pinned = InitDataDocument.parse(INIT_DATA).digestBase64();
        String policy = "package policy\nimport rego.v1\ndefault allow := false\n"
                + "allow if input.submods.cpu0[\"ear.veraison.annotated-evidence\"].init_data == \"" + pinned + "\"\n";
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(policy.getBytes(StandardCharsets.UTF_8));
        assertThat(kbs.post("/kbs/v0/resource-policy", "{\"policy\":\"" + encoded + "\"}", "Authorization", "Bearer " + kbs.adminToken())
                .statusCode()).isEqualTo(200);

        aa("good-aa.sock", "-t", write("good.toml", INIT_DATA).toString());
        RpcClient good = client(cdh("good-cdh.sock", "good-aa.sock").addresses().get(0));
        assertThat(good.call(ConfidentialDataHubService.GET_RESOURCE, GetResourceRequest.newBuilder().setResourcePath("kbs:///default/app/key").build(),
                TIMEOUT).getResource().toByteArray()).isEqualTo(APP_KEY);

        aa("other-aa.sock", "-t", write("other.toml", INIT_DATA.replace("socket = \\\"x\\\"", "socket = \\\"y\\\"").replace("\"x\"", "\"y\"")).toString());
        RpcClient other = client(cdh("other-cdh.sock", "other-aa.sock").addresses().get(0));
        assertThatThrownBy(() -> other.call(ConfidentialDataHubService.GET_RESOURCE, GetResourceRequest.newBuilder()
                .setResourcePath("kbs:///default/app/key").build(), TIMEOUT))
                .isInstanceOfSatisfying(RpcStatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(Status.Code.INTERNAL);
                    assertThat(e.getMessage()).contains("401");
                });

        aa("none-aa.sock");
        RpcClient none = client(cdh("none-cdh.sock", "none-aa.sock").addresses().get(0));
        assertThatThrownBy(() -> none.call(ConfidentialDataHubService.GET_RESOURCE, GetResourceRequest.newBuilder()
                .setResourcePath("kbs:///default/app/key").build(), TIMEOUT)).isInstanceOf(RpcStatusException.class);
    }

    @Test
    void initDataDigestCommand() throws Exception {
        Path b4 = write("b4.toml", "algorithm = \"sha384\"\nversion = \"0.1.0\"\n\n[data]\n\"aa.toml\" = '''\n[token_configs.kbs]\n"
                + "url = \"http://10.0.0.1:8080\"\n'''\n");
        Run raw = run("initdata", "digest", b4.toString());
        assertThat(raw.exitCode()).as(raw.err()).isZero();
        assertThat(raw.out().strip()).isEqualTo("fhHRsIS6eznoVciUHhDmRAN+wkN7U5UOrNUYtddgL2/xPPHeL9ws0g3u9gGCTp5l");
        assertThat(run("initdata", "digest", "--for", "tdx", b4.toString()).out().strip())
                .isEqualTo("7e11d1b084ba7b39e855c8941e10e644037ec2437b53950eacd518b5d7602f6ff13cf1de2fdc2cd20deef601824e9e65");
        assertThat(run("initdata", "digest", "--for", "snp", b4.toString()).out().strip())
                .isEqualTo("7e11d1b084ba7b39e855c8941e10e644037ec2437b53950eacd518b5d7602f6f");
        Run bad = run("initdata", "digest", write("bad.toml", "algorithm = \"md5\"\nversion = \"1\"\n[data]\n").toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("unknown init-data algorithm 'md5'");
        assertThat(run("initdata", "digest", "--for", "sgx", b4.toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void everyGuestCommandHasHelp() {
        for (String[] command : List.of(new String[]{"aa", "--help"}, new String[]{"cdh", "--help"}, new String[]{"api-server-rest", "--help"},
                new String[]{"secret", "seal", "--help"}, new String[]{"secret", "keygen", "--help"}, new String[]{"initdata", "digest", "--help"})) {
            Run help = run(command);
            assertThat(help.exitCode()).as(String.join(" ", command) + ": " + help.err()).isZero();
            assertThat(help.out()).contains("Usage: coco4j " + command[0]);
        }
        assertThat(run("--help").out()).contains("aa").contains("cdh").contains("secret").contains("initdata");
    }

    @Test
    void aaStartUpProblems() throws Exception {
        AaCommand command = new AaCommand();
        CommandLine commandLine = new CommandLine(command);
        commandLine.setErr(new PrintWriter(new StringWriter(), true));
        commandLine.parseArgs("-a", "unix://" + dir.resolve("x.sock"), "--attester", "sample", "-t", "a.toml", "-i", "AAAA");
        assertThatThrownBy(() -> command.start(Map.of(), Attesters.Platform.system()))
                .isInstanceOfSatisfying(AaCommand.StartupProblem.class, e -> assertThat(e.exitCode).isEqualTo(2));
        Run unknownTee = run("aa", "-a", "unix://" + dir.resolve("y.sock"), "--attester", "cca");
        assertThat(unknownTee.exitCode()).isEqualTo(2);
        assertThat(unknownTee.err()).contains("coco4j has no attester for the cca TEE");
        Run badConfig = run("aa", "-a", "unix://" + dir.resolve("z.sock"), "--attester", "sample", "-c", write("bad.toml", "[token_configs.kbs]\n").toString());
        assertThat(badConfig.exitCode()).isEqualTo(2);
        assertThat(badConfig.err()).contains("token_configs.kbs.url is required");
        Run sealBadUri = run("secret", "seal", "--key-id", "k", "--signing-key", "x", "kbs:///a/b");
        assertThat(sealBadUri.exitCode()).isEqualTo(2);
        Run sealBadKey = run("secret", "seal", "--key-id", "k", "--signing-key", write("not-a-key", "{}").toString(), "kbs:///a/b/c");
        assertThat(sealBadKey.exitCode()).isEqualTo(1);
        assertThat(sealBadKey.err()).contains("not a usable JWK");
    }
}
