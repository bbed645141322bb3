package io.coco4j.rvps.swid;

import io.coco4j.protocol.testing.MutableClock;
import io.coco4j.protocol.testing.TestVectors;
import io.coco4j.rvps.BuiltinReferenceValueProvider;
import io.coco4j.rvps.InvalidMessageException;
import io.coco4j.rvps.ProvenanceException;
import io.coco4j.rvps.Registration;
import io.coco4j.rvps.store.InMemoryReferenceValueStore;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The NVIDIA GPU RIM vector: signature, certificate chain and the named measurements. */
class SwidExtractorTest {

    private static final String NAME = "NVIDIA_Corporation.GPU.measurement_12";
    private static final String HASH1 = "758af96044c700f98a85347be27124d51c05b8784ba216b629b9aaab6d538c759aed9922a133e4ac473564d359b271d5";
    /** Inside the validity of every certificate of the RIM's chain (its signer expired in December 2025). */
    private final MutableClock clock = new MutableClock(Instant.parse("2024-06-01T00:00:00Z"));
    private final InMemoryReferenceValueStore store = new InMemoryReferenceValueStore();

    private static String rimXml() throws Exception {
        String b64 = Files.readString(TestVectors.resolve("rvps/test-rim.b64"), StandardCharsets.US_ASCII);
        return new String(Base64.getMimeDecoder().decode(b64.strip()), StandardCharsets.UTF_8);
    }

    /** NVIDIA's CoRIM signing root, the last certificate of the RIM's KeyInfo: what an operator would configure. */
    private static X509Certificate nvidiaRoot() throws Exception {
        Matcher certificates = Pattern.compile("<ds:X509Certificate>([^<]*)</ds:X509Certificate>").matcher(rimXml());
        String last = null;
        while (certificates.find()) {
            last = certificates.group(1);
        }
        X509Certificate root = certificate(Base64.getMimeDecoder().decode(last.strip()));
        assertThat(root.getSubjectX500Principal().getName()).contains("NVIDIA CoRIM signing Root CA");
        return root;
    }

    private static X509Certificate certificate(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    private BuiltinReferenceValueProvider rvps(List<X509Certificate> anchors) {
        return BuiltinReferenceValueProvider.builder(store).extractor(new SwidExtractor(anchors, clock)).clock(clock).build();
    }

    private static String message(String xml) {
        return "{\"version\":\"0.1.0\",\"type\":\"swid\",\"payload\":\""
                + Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8)) + "\"}";
    }

    @Test
    void theNvidiaRimVerifiesAndYieldsItsMeasurements() throws Exception {
        String payload = Files.readString(TestVectors.resolve("rvps/test-rim.b64"), StandardCharsets.US_ASCII);
        Registration registration = rvps(List.of(nvidiaRoot()))
                .submit("{\"version\":\"0.1.0\",\"type\":\"swid\",\"payload\":\"" + payload.strip().replace("\n", "") + "\"}");
        assertThat(registration.names()).contains(NAME).allMatch(n -> n.startsWith("NVIDIA_Corporation.GPU.measurement_"));
        assertThat(registration.names()).doesNotContain("NVIDIA_Corporation.GPU.measurement_0"); // only zero hashes
        assertThat(store.get(NAME).orElseThrow().value().get(0).asText()).isEqualTo(HASH1);
        assertThat(store.get(NAME).orElseThrow().value()).hasSize(3); // Hash0 is all zeros
        assertThat(store.get(NAME).orElseThrow().provenance().signerKeyIds().get(0)).startsWith("sha256:");
    }

    @Test
    void aChangedMeasurementBreaksTheSignature() throws Exception {
        String tampered = rimXml().replace(HASH1, HASH1.substring(0, HASH1.length() - 1) + "6");
        assertThatThrownBy(() -> rvps(List.of(nvidiaRoot())).register(message(tampered)))
                .isInstanceOf(ProvenanceException.class).hasMessageContaining("changed after signing");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void anotherTrustAnchorAnExpiredSignerOrNoAnchorIsRefused() throws Exception {
        X509Certificate unrelated = certificate(java.util.Base64.getMimeDecoder().decode(
                Files.readString(TestVectors.resolve("as-token/cert-chain.pem")).replaceAll("-----[A-Z ]+-----", "").strip()));
        assertThatThrownBy(() -> rvps(List.of(unrelated)).register(message(rimXml())))
                .isInstanceOf(ProvenanceException.class).hasMessageContaining("does not chain to a trusted RIM signing CA");

        clock.set(Instant.parse("2026-11-26T00:00:00Z"));
        assertThatThrownBy(() -> rvps(List.of(nvidiaRoot())).register(message(rimXml())))
                .isInstanceOf(ProvenanceException.class).hasMessageContaining("does not chain");

        assertThatThrownBy(() -> rvps(List.of()).register(message(rimXml())))
                .isInstanceOf(ProvenanceException.class).hasMessageContaining("swid.trusted_certs");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void anUnsignedOrMalformedRimIsRefused() throws Exception {
        String unsigned = rimXml().replaceAll("(?s)<ds:Signature.*</ds:Signature>", "");
        assertThatThrownBy(() -> rvps(List.of(nvidiaRoot())).register(message(unsigned)))
                .isInstanceOf(ProvenanceException.class).hasMessageContaining("exactly one XML signature");
        assertThatThrownBy(() -> rvps(List.of(nvidiaRoot())).register(message("<not-xml")))
                .isInstanceOf(InvalidMessageException.class);
        String withDoctype = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>";
        assertThatThrownBy(() -> rvps(List.of(nvidiaRoot())).register(message(withDoctype)))
                .isInstanceOf(InvalidMessageException.class);
        assertThat(store.list()).isEmpty();
    }
}
