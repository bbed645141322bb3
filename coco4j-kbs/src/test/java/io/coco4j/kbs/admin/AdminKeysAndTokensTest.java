package io.coco4j.kbs.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coco4j.kbs.config.ConfigFormat;
import io.coco4j.kbs.config.KbsConfig;
import io.coco4j.kbs.config.KbsConfigLoader;
import io.coco4j.kbs.jwks.CompactJws;
import io.coco4j.kbs.jwks.JwsAlgorithm;
import io.coco4j.kbs.jwks.KeySourceReader;
import io.coco4j.kbs.testing.TestPki;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.util.io.pem.PemObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminKeysAndTokensTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void generatedKeysAndSnippetAuthorizeAMintedToken() throws Exception {
        AdminKeyPair.WrittenKeys files = AdminKeyPair.generate().write(dir.resolve("keys"));
        assertThat(Files.getPosixFilePermissions(files.privateKey()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(files.privateKey())).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Files.readString(files.publicKey())).startsWith("-----BEGIN PUBLIC KEY-----\n");

        String snippet = AdminKeyPair.configSnippet(files.publicKey());
        KbsConfig config = KbsConfigLoader.parse("[http_server]\n" + snippet, ConfigFormat.TOML).config();
        AdminAuthorizer authorizer = AdminAuthorizer.create(config.admin(), KeySourceReader.withDefaultHttpClient(),
                Clock.fixed(NOW, ZoneOffset.UTC));

        AdminSigningKey key = AdminSigningKey.load(files.privateKey());
        assertThat(key.algorithm()).isEqualTo(JwsAlgorithm.EDDSA);
        String token = AdminTokenMinter.mint(key, "admin", Optional.empty(), Optional.empty(), Duration.ofHours(1), NOW);
        authorizer.authorize("POST", "/kbs/v0/resource/default/key/1", Optional.of("Bearer " + token));

        assertThatThrownBy(() -> authorizer.authorize("POST", "/kbs/v0/resource/default/key/1", Optional.of("Bearer "
                + AdminTokenMinter.mint(key, "admin", Optional.empty(), Optional.empty(), Duration.ofHours(1),
                NOW.minus(Duration.ofHours(2))))))
                .isInstanceOfSatisfying(AdminAuthException.class, e -> assertThat(e.failure()).isEqualTo(AdminAuthFailure.EXPIRED));
    }

    @Test
    void mintedTokensCarryTheRequestedClaims() throws Exception {
        AdminSigningKey key = AdminSigningKey.of(TestPki.ed25519().getPrivate());
        String token = AdminTokenMinter.mint(key, "uploader", Optional.of("tenant"), Optional.of("KBS"),
                Duration.ofMinutes(30), NOW);
        CompactJws jws = CompactJws.parse(token);
        assertThat(jws.header().toString()).isEqualTo("{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}");
        assertThat(jws.claims().toString()).isEqualTo("{\"iss\":\"tenant\",\"aud\":[\"KBS\"],\"role\":\"uploader\","
                + "\"iat\":" + NOW.getEpochSecond() + ",\"exp\":" + NOW.plusSeconds(1800).getEpochSecond() + "}");
        assertThatThrownBy(() -> AdminTokenMinter.mint(key, "admin", Optional.empty(), Optional.empty(), Duration.ZERO, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void existingKeysAreNeverOverwritten() throws Exception {
        AdminKeyPair.generate().write(dir);
        String before = Files.readString(dir.resolve(AdminKeyPair.PRIVATE_KEY_FILE));
        assertThatThrownBy(() -> AdminKeyPair.generate().write(dir)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(dir.resolve(AdminKeyPair.PRIVATE_KEY_FILE))).isEqualTo(before);
    }

    @Test
    void ecAndRsaPrivateKeysInTraditionalPemFormsLoad() throws Exception {
        KeyPair ec = TestPki.p256();
        // SEC1 as OpenSSL writes it, with the named curve inside the key structure.
        byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, ((ECPrivateKey) ec.getPrivate()).getS(),
                new org.bouncycastle.asn1.x9.X962Parameters(SECObjectIdentifiers.secp256r1)).getEncoded();
        Path ecFile = Files.writeString(dir.resolve("ec.pem"), TestPki.pem(new PemObject("EC PRIVATE KEY", sec1)));
        assertThat(Files.readString(ecFile)).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(AdminSigningKey.load(ecFile).algorithm()).isEqualTo(JwsAlgorithm.ES256);
        KeyPair rsa = TestPki.rsa();
        Path rsaFile = Files.writeString(dir.resolve("rsa.pem"), TestPki.pem(rsa.getPrivate()));
        assertThat(AdminSigningKey.load(rsaFile).algorithm()).isEqualTo(JwsAlgorithm.RS256);
        assertThat(AdminSigningKey.load(rsaFile).toString()).isEqualTo("AdminSigningKey[RS256]");
        Path publicOnly = Files.writeString(dir.resolve("pub.pem"), TestPki.pem(rsa.getPublic()));
        assertThatThrownBy(() -> AdminSigningKey.load(publicOnly)).hasMessageContaining("holds no PEM private key");
    }

    @Test
    void snippetPathsAreTomlEscaped() {
        assertThat(AdminKeyPair.tomlString("C:\\keys\\\"admin\".pem")).isEqualTo("\"C:\\\\keys\\\\\\\"admin\\\".pem\"");
    }
}
