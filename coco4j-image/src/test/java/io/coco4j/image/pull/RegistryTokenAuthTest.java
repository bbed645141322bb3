package io.coco4j.image.pull;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.coco4j.image.crypt.ProgressListener;
import io.coco4j.image.registry.RegistryClient;
import io.coco4j.image.registry.RegistryCredentials;
import io.coco4j.image.registry.RegistryException;
import io.coco4j.image.testing.Processes;
import io.coco4j.image.testing.TestImages;
import io.coco4j.image.testing.TestRegistry;
import io.coco4j.image.testing.Tools;
import io.coco4j.image.unpack.UnpackLimits;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The registry's bearer-token flow against a real distribution server configured for token auth: a
 * token service (here a small one issuing ES256 tokens whose certificate the registry trusts) hands
 * out scoped tokens for Basic credentials; the puller follows the challenge, and without
 * credentials is refused.
 */
class RegistryTokenAuthTest {

    private static final String USER = "puller";
    private static final String PASSWORD = "s3cret";

    @TempDir
    Path dir;

    private HttpServer tokenService;
    private TestRegistry registry;
    private final List<String> tokenRequests = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        Tools.require("docker-registry");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = generator.generateKeyPair();
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                new X500Name("CN=token signer"), BigInteger.ONE, Date.from(Instant.now().minusSeconds(60)),
                Date.from(Instant.now().plusSeconds(3600)), new X500Name("CN=token signer"), key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
        Path bundle = dir.resolve("token-root.pem");
        Files.writeString(bundle, "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder().encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n");

        tokenService = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        tokenService.createContext("/token", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            tokenRequests.add(query);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String expected = "Basic " + java.util.Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(auth)) {
                exchange.sendResponseHeaders(401, -1);
                exchange.close();
                return;
            }
            String scope = "";
            for (String part : query.split("&")) {
                if (part.startsWith("scope=")) {
                    scope = URLDecoder.decode(part.substring(6), StandardCharsets.UTF_8);
                }
            }
            String[] fields = scope.split(":");
            List<Map<String, Object>> access = List.of(Map.of("type", fields[0], "name", fields[1], "actions", List.of(fields[2].split(","))));
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(com.nimbusds.jose.JOSEObjectType.JWT)
                        .x509CertChain(List.of(Base64.encode(certificate.getEncoded()))).build(),
                        new JWTClaimsSet.Builder().issuer("coco4j-test").subject(USER).audience("test-registry")
                                .issueTime(new Date()).notBeforeTime(Date.from(Instant.now().minusSeconds(30)))
                                .expirationTime(Date.from(Instant.now().plusSeconds(300))).jwtID(UUID.randomUUID().toString())
                                .claim("access", access).build());
                jwt.sign(new ECDSASigner((ECPrivateKey) key.getPrivate()));
                byte[] body = ("{\"token\":\"" + jwt.serialize() + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
            }
            exchange.close();
        });
        tokenService.start();
        String realm = "http://127.0.0.1:" + tokenService.getAddress().getPort() + "/token";
        registry = TestRegistry.start(dir.resolve("registry"), "  token:\n    realm: " + realm + "\n    service: test-registry\n"
                + "    issuer: coco4j-test\n    rootcertbundle: " + bundle + "\n");
    }

    @AfterEach
    void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
        if (tokenService != null) {
            tokenService.stop(0);
        }
    }

    @Test
    void pullsWithAScopedBearerTokenAndIsRefusedWithout() throws Exception {
        TestImages.write(dir.resolve("plain"), "v1", List.of(List.of(TestImages.File.text("hello.txt", "behind token auth"))));
        Processes.run(List.of(Tools.require("skopeo").toString(), "--insecure-policy", "copy", "--quiet", "--dest-tls-verify=false",
                "--dest-creds", USER + ":" + PASSWORD, "oci:" + dir.resolve("plain") + ":v1", "docker://" + registry.address + "/private/app:v1"));

        RegistryClient withLogin = RegistryClient.builder()
                .credentials(name -> name.equals(registry.address) ? Optional.of(new RegistryCredentials(USER, PASSWORD)) : Optional.empty())
                .build();
        tokenRequests.clear();
        PulledImage pulled = new ImagePuller(withLogin, List.of(), UnpackLimits.DEFAULT, ProgressListener.NONE, Platform.current())
                .pull(registry.address + "/private/app:v1", dir.resolve("bundle"));
        assertThat(Files.readString(pulled.rootfs().resolve("hello.txt"))).isEqualTo("behind token auth");
        assertThat(tokenRequests).hasSize(1).allSatisfy(q -> assertThat(URLDecoder.decode(q, StandardCharsets.UTF_8))
                .contains("service=test-registry").contains("scope=repository:private/app:pull"));

        RegistryClient anonymous = RegistryClient.builder().build();
        assertThatThrownBy(() -> new ImagePuller(anonymous, List.of(), UnpackLimits.DEFAULT, ProgressListener.NONE, Platform.current())
                .pull(registry.address + "/private/app:v1", dir.resolve("bundle2")))
                .isInstanceOf(RegistryException.class).hasMessageContaining("refused a token (401)");
        assertThat(dir.resolve("bundle2")).doesNotExist();
    }
}
