package io.coco4j.verifier.snp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.tee.snp.SnpProduct;
import io.coco4j.protocol.tee.snp.TcbVersion;
import io.coco4j.verifier.Expectation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The key-server client and fetcher against a local stand-in server on loopback, serving a generated test chain. */
class KdsCollateralFetcherTest {

    private HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final List<String> requests = new ArrayList<>();
    private final List<Duration> waits = new ArrayList<>();
    private TestSnpPlatform platform;
    private TestSnpPlatform.Vcek vcek;

    @TempDir
    Path tmp;

    @BeforeEach
    void start() throws Exception {
        platform = TestSnpPlatform.generate(SnpProduct.MILAN);
        vcek = platform.vcek(TcbVersion.of(3, 0, 8, 115));
        files.put("/vcek/v1/Milan/cert_chain", SnpCertificates.toPem(List.of(platform.ask(), platform.ark())).getBytes());
        files.put("/vlek/v1/Milan/cert_chain", SnpCertificates.toPem(List.of(platform.ask(), platform.ark())).getBytes());
        files.put("/vcek/v1/Milan/crl", platform.crlRevoking().getEncoded());
        files.put("/vcek/v1/Milan/" + CollateralDirectory.hwid(SnpProduct.MILAN, platform.chipId()), vcek.certificate().getEncoded());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            synchronized (requests) {
                requests.add(exchange.getRequestURI().toString());
            }
            if (rateLimited.getAndDecrement() > 0) {
                exchange.getResponseHeaders().add("Retry-After", "1");
                exchange.sendResponseHeaders(429, -1);
                exchange.close();
                return;
            }
            byte[] body = files.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private KdsClient client(int attempts) {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new KdsClient(base, HttpClient.newHttpClient(), attempts, Duration.ofMillis(5), waits::add);
    }

    @Test
    void fetchesTheLayoutAndTheVerifierUsesItOffline() throws Exception {
        rateLimited.set(2);
        var request = new KdsCollateralFetcher.VcekRequest(SnpProduct.MILAN, platform.chipId(), TcbVersion.of(3, 0, 8, 115));
        List<Path> written = new KdsCollateralFetcher(client(5)).fetch(tmp, Set.of(SnpProduct.MILAN), List.of(request));
        assertThat(written).contains(Path.of("vcek/v1/Milan/cert_chain"), Path.of("vcek/v1/Milan/crl"), Path.of("vlek/v1/Milan/cert_chain"));
        assertThat(written).anyMatch(p -> p.toString().endsWith("bl03_tee00_snp08_ucode115_vcek.der"));
        // Two 429 answers were waited out with the server's Retry-After.
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(requests).anyMatch(r -> r.contains("?blSPL=03&teeSPL=00&snpSPL=08&ucodeSPL=115"));
        assertThat(Files.list(tmp.resolve("vcek/v1/Milan")).map(p -> p.getFileName().toString())).doesNotContain(".tmp");

        var report = vcek.sign(vcek.report());
        SnpVerifier verifier = SnpVerifier.create(SnpVerifierSettings.defaults().withArkPins(platform.pins()).withCollateralDirectory(tmp)
                .withCrlPolicy(CrlPolicy.REQUIRE), Clock.fixed(TestSnpPlatform.NOT_BEFORE.plus(Duration.ofDays(30)), ZoneOffset.UTC));
        var evidence = vcek.evidence(report);
        evidence.putNull("cert_chain");
        assertThat(verifier.evaluate(evidence, Expectation.none())).hasSize(1);
    }

    @Test
    void onlineFallbackWhenTheDirectoryLacksTheVcek() throws Exception {
        var report = vcek.sign(vcek.report());
        var evidence = vcek.evidence(report);
        evidence.putNull("cert_chain");
        SnpReportVerifier reports = new SnpReportVerifier(SnpVerifierSettings.defaults().withArkPins(platform.pins()),
                Clock.fixed(TestSnpPlatform.NOT_BEFORE.plus(Duration.ofDays(30)), ZoneOffset.UTC), List.of(new CollateralDirectory(tmp), client(2)));
        assertThat(new SnpVerifier(reports).evaluate(evidence, Expectation.none())).hasSize(1);
    }

    @Test
    void givesUpAfterTheAttemptsAndOn5xx() {
        rateLimited.set(10);
        assertThatThrownBy(() -> new KdsCollateralFetcher(client(3)).fetch(tmp, Set.of(SnpProduct.MILAN), List.of()))
                .isInstanceOf(IOException.class).hasMessageContaining("429");
        assertThat(waits).hasSize(2);
        assertThat(tmp.resolve("vcek")).doesNotExist();
    }

    @Test
    void refusesGarbage() {
        files.put("/vcek/v1/Milan/cert_chain", "not a certificate".getBytes());
        assertThatThrownBy(() -> new KdsCollateralFetcher(client(1)).fetch(tmp, Set.of(SnpProduct.MILAN), List.of()))
                .isInstanceOf(IOException.class).hasMessageContaining("does not parse");
        assertThat(tmp.resolve("vcek/v1/Milan/cert_chain")).doesNotExist();
    }

    @Test
    void settingsFromTheReferenceConfig() throws Exception {
        var config = Json.readTree("{\"snp_verifier\":{\"vcek_sources\":[{\"type\":\"OfflineStore\",\"path\":\"/var/lib/snp\"},"
                + "{\"type\":\"KDS\",\"base_url\":\"https://kds.example\"}]}}");
        SnpVerifierSettings settings = SnpVerifierSettings.fromReferenceConfig(config);
        assertThat(settings.collateralDirectory()).contains(Path.of("/var/lib/snp"));
        assertThat(settings.kdsFallback()).contains(URI.create("https://kds.example"));
        assertThat(settings.arkPins()).isSameAs(ArkPins.amd());
        assertThat(settings.maxVmpl()).isZero();
        assertThat(SnpVerifierSettings.fromReferenceConfig(Json.readTree("{}")).kdsFallback()).contains(KdsClient.AMD_KDS);
        assertThat(SnpVerifierSettings.fromReferenceConfig(Json.readTree("{\"vcek_sources\":[{\"type\":\"OfflineStore\",\"path\":\"/x\"}]}"))
                .kdsFallback()).isEmpty();
        assertThatThrownBy(() -> SnpVerifierSettings.fromReferenceConfig(Json.readTree("{\"vcek_sources\":[{\"type\":\"Bogus\"}]}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(settings.minimumTcb()).isEmpty();
        assertThat(client(1).vcekUri(SnpProduct.TURIN, new byte[64], TcbVersion.turin(5, 3, 1, 8, 15)).toString())
                .endsWith("/vcek/v1/Turin/0000000000000000?fmcSPL=05&blSPL=03&teeSPL=01&snpSPL=08&ucodeSPL=15");
    }

    @Test
    void minimumTcbsFromTheConfiguration() throws Exception {
        var config = Json.readTree("{\"snp_verifier\":{\"minimum_tcb\":{\"Milan\":{\"bootloader\":3,\"tee\":0,\"snp\":14,\"microcode\":115},"
                + "\"Turin\":{\"fmc\":1,\"bootloader\":1,\"tee\":1,\"snp\":1,\"microcode\":1}}}}");
        SnpVerifierSettings settings = SnpVerifierSettings.fromReferenceConfig(config);
        assertThat(settings.minimumTcb()).containsEntry(SnpProduct.MILAN, TcbVersion.of(3, 0, 14, 115))
                .containsEntry(SnpProduct.TURIN, TcbVersion.turin(1, 1, 1, 1, 1)).doesNotContainKey(SnpProduct.GENOA);
        assertThat(settings.kdsFallback()).contains(KdsClient.AMD_KDS);
        for (String bad : new String[] {"[]", "{\"milan\":{}}", "{\"Bergamo\":{}}", "{\"Milan\":{\"bootloader\":3,\"tee\":0,\"snp\":14}}",
                "{\"Milan\":{\"bootloader\":3,\"tee\":0,\"snp\":14,\"microcode\":256}}",
                "{\"Milan\":{\"bootloader\":3,\"tee\":0,\"snp\":\"14\",\"microcode\":1}}",
                "{\"Milan\":{\"fmc\":1,\"bootloader\":3,\"tee\":0,\"snp\":14,\"microcode\":1}}",
                "{\"Milan\":{\"bootloader\":3,\"tee\":0,\"snp\":14,\"microcode\":1,\"ucode\":1}}"}) {
            assertThatThrownBy(() -> SnpVerifierSettings.fromReferenceConfig(Json.readTree("{\"snp_verifier\":{\"minimum_tcb\":" + bad + "}}")))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("snp_verifier.minimum_tcb");
        }
    }
}
