package io.coco4j.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.cli.serve.ServeCommand;
import io.coco4j.guest.attester.SampleAttester;
import io.coco4j.guest.kbs.KbsClient;
import io.coco4j.image.crypt.LayerDecryptor;
import io.coco4j.image.crypt.LayerEncryptor;
import io.coco4j.image.keywrap.AnnotationPacket;
import io.coco4j.image.keywrap.AttestationAgentKeyUnwrapper;
import io.coco4j.image.keywrap.AttestationAgentKeyWrapper;
import io.coco4j.image.keywrap.EncryptionAnnotations;
import io.coco4j.image.keywrap.KbsKekSource;
import io.coco4j.image.oci.Descriptor;
import io.coco4j.image.oci.Digest;
import io.coco4j.image.oci.MediaTypes;
import io.coco4j.image.testing.Processes;
import io.coco4j.image.testing.TestImages;
import io.coco4j.kbs.server.KbsServer;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.resource.ResourceUri;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Go ocicrypt 1.1 (the library of skopeo ≥ 1.4, podman and imgcrypt) calling {@code coco4j keyprovider}
 * through {@code OCICRYPT_KEYPROVIDER_CONFIG}, in both directions, with the KEK released by a real
 * KBS (development mode, sample TEE) to the attesting key provider.
 */
class GoOcicryptInteropTest {

    @TempDir
    Path dir;

    private KbsServer kbs;
    private String url;
    private Path kekFile;
    private Path providerConfig;
    private Path driver;

    @BeforeEach
    void start() throws Exception {
        driver = InteropFixture.goDriver();
        Path data = dir.resolve("kbs-data");
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--dev", "--listen", "127.0.0.1:0", "--data-dir", data.toString());
        kbs = serve.start();
        url = kbs.baseUrls().get(0).toString();
        kekFile = dir.resolve("kek.bin");
        Files.write(kekFile, TestImages.random(32, 21));
        ImageCommandsTest.Run set = ImageCommandsTest.run("admin", "set-resource", "--url", url, "--data-dir", data.toString(),
                "kbs:///default/image-kek/go", "--file", kekFile.toString());
        assertThat(set.exitCode()).as(set.err()).isZero();
        providerConfig = dir.resolve("ocicrypt_keyprovider.json");
        Map<String, Object> cmd = new LinkedHashMap<>();
        List<String> coco4j = InteropFixture.coco4j("keyprovider", "--url", url, "--attester", "sample");
        cmd.put("path", coco4j.get(0));
        cmd.put("args", coco4j.subList(1, coco4j.size()));
        Files.writeString(providerConfig, Json.write(Map.of("key-providers", Map.of("attestation-agent", Map.of("cmd", cmd)))));
    }

    @AfterEach
    void stop() throws Exception {
        if (kbs != null) {
            kbs.close();
        }
    }

    private Processes.Result driver(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(driver.toString()));
        command.addAll(List.of(args));
        return Processes.run(command, dir, Map.of("OCICRYPT_KEYPROVIDER_CONFIG", providerConfig.toString()), null, 300)
                .requireSuccess(command);
    }

    private byte[] layer() throws Exception {
        return TestImages.gzip(TestImages.tar(List.of(TestImages.File.text("etc/motd", "go interop"),
                new TestImages.File("data.bin", TestImages.random(700_000, 22)))));
    }

    @Test
    void ocicryptEncryptsThroughTheProviderAndCoco4jDecryptsAfterAttesting() throws Exception {
        byte[] plain = layer();
        Path plainFile = dir.resolve("layer.tar.gz");
        Files.write(plainFile, plain);
        String parameter = "keyid=kbs:///default/image-kek/go::keypath=" + kekFile;
        driver("encrypt", plainFile.toString(), dir.resolve("layer.enc").toString(), dir.resolve("desc.json").toString(),
                "provider:attestation-agent:" + parameter);

        JsonNode desc = Json.readTree(Files.readAllBytes(dir.resolve("desc.json")));
        Map<String, String> annotations = new LinkedHashMap<>();
        desc.get("annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
        assertThat(annotations).containsKeys(EncryptionAnnotations.PUBOPTS, EncryptionAnnotations.provider("attestation-agent"));
        AnnotationPacket packet = AnnotationPacket.parse(Base64.getDecoder().decode(annotations.get(EncryptionAnnotations.provider("attestation-agent"))));
        assertThat(packet.kid()).isEqualTo("kbs:///default/image-kek/go");
        assertThat(packet.wrapType()).isEqualTo("A256GCM");

        byte[] ciphertext = Files.readAllBytes(dir.resolve("layer.enc"));
        Descriptor encrypted = new Descriptor(desc.get("mediaType").asText(), Digest.parse(desc.get("digest").asText()),
                desc.get("size").asLong(), null, annotations, null, null);
        LayerDecryptor decryptor = new LayerDecryptor(List.of(new AttestationAgentKeyUnwrapper(new KbsKekSource(
                KbsClient.builder().url(url).attester(new SampleAttester()).build()))));
        LayerDecryptor.LayerKey key = decryptor.unwrapKey(encrypted);
        assertThat(LayerDecryptor.decryptedDescriptor(encrypted, key).digest()).isEqualTo(Digest.sha256(plain));
        try (InputStream in = LayerDecryptor.decrypt(new ByteArrayInputStream(ciphertext), key)) {
            assertThat(in.readAllBytes()).isEqualTo(plain);
        }
    }

    @Test
    void coco4jEncryptsAndOcicryptDecryptsThroughTheAttestingProvider() throws Exception {
        byte[] plain = layer();
        byte[] kek = Files.readAllBytes(kekFile);
        LayerEncryptor encryptor = new LayerEncryptor(List.of(new AttestationAgentKeyWrapper(ResourceUri.parse("kbs:///default/image-kek/go"), kek)));
        java.io.ByteArrayOutputStream ciphertext = new java.io.ByteArrayOutputStream();
        Descriptor plainDescriptor = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, Digest.sha256(plain), plain.length);
        LayerEncryptor.Encrypted encrypted = encryptor.encrypt(plainDescriptor, new ByteArrayInputStream(plain), ciphertext);
        Files.write(dir.resolve("layer.enc"), ciphertext.toByteArray());
        Map<String, Object> desc = new LinkedHashMap<>();
        desc.put("mediaType", encrypted.mediaType());
        desc.put("digest", Digest.sha256(ciphertext.toByteArray()).toString());
        desc.put("size", ciphertext.size());
        desc.put("annotations", encrypted.annotations());
        Files.writeString(dir.resolve("desc.json"), Json.write(desc));

        driver("decrypt", dir.resolve("layer.enc").toString(), dir.resolve("desc.json").toString(),
                dir.resolve("layer.out").toString(), "provider:attestation-agent");
        assertThat(Files.readAllBytes(dir.resolve("layer.out"))).isEqualTo(plain);
        // (ocicrypt 1.1's DecryptLayer returns no digest; skopeo digests the output itself, as the byte comparison does here)
    }

    @Test
    void ocicryptReportsAProviderRefusal() throws Exception {
        byte[] plain = layer();
        byte[] otherKek = TestImages.random(32, 23);
        LayerEncryptor encryptor = new LayerEncryptor(List.of(new AttestationAgentKeyWrapper(ResourceUri.parse("kbs:///default/image-kek/absent"), otherKek)));
        java.io.ByteArrayOutputStream ciphertext = new java.io.ByteArrayOutputStream();
        LayerEncryptor.Encrypted encrypted = encryptor.encrypt(Descriptor.of(MediaTypes.OCI_LAYER_GZIP, Digest.sha256(plain), plain.length),
                new ByteArrayInputStream(plain), ciphertext);
        Files.write(dir.resolve("layer.enc"), ciphertext.toByteArray());
        Files.writeString(dir.resolve("desc.json"), Json.write(Map.of("mediaType", encrypted.mediaType(),
                "digest", Digest.sha256(ciphertext.toByteArray()).toString(), "size", ciphertext.size(), "annotations", encrypted.annotations())));
        List<String> command = List.of(driver.toString(), "decrypt", dir.resolve("layer.enc").toString(), dir.resolve("desc.json").toString(),
                dir.resolve("layer.out").toString(), "provider:attestation-agent");
        Processes.Result result = Processes.run(command, dir, Map.of("OCICRYPT_KEYPROVIDER_CONFIG", providerConfig.toString()), null, 300);
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("DecryptLayer");
        assertThat(dir.resolve("layer.out")).doesNotExist();
    }
}
