package io.coco4j.verifier.dcap;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fetcher against a local PCCS that serves the dcap-qvl collateral with PCS's headers. */
class PcsCollateralFetcherTest {

    @TempDir
    Path temp;

    private HttpServer server;
    private URI base;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        CollateralFixtures fixtures = new CollateralFixtures(DcapQuoteVerifierVectorTest.TDX_COLLATERAL);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String request = exchange.getRequestURI().toString();
            requests.add(request);
            byte[] body;
            Map<String, String> headers = Map.of();
            if (request.equals("/tdx/certification/v4/tcb?fmspc=B0C06F000000&update=early")) {
                body = fixtures.response("tcbInfo", fixtures.text("tcb_info"), fixtures.text("tcb_info_signature"));
                headers = Map.of("TCB-Info-Issuer-Chain", CollateralFixtures.percent(fixtures.text("tcb_info_issuer_chain")));
            } else if (request.equals("/tdx/certification/v4/qe/identity?update=early")) {
                body = fixtures.response("enclaveIdentity", fixtures.text("qe_identity"), fixtures.text("qe_identity_signature"));
                headers = Map.of("SGX-Enclave-Identity-Issuer-Chain", CollateralFixtures.percent(fixtures.text("qe_identity_issuer_chain")));
            } else if (request.equals("/sgx/certification/v4/pckcrl?ca=platform&encoding=der")) {
                body = HexFormat.of().parseHex(fixtures.text("pck_crl"));
                headers = Map.of("SGX-PCK-CRL-Issuer-Chain", CollateralFixtures.percent(fixtures.text("pck_crl_issuer_chain")));
            } else if (request.equals("/sgx/certification/v4/rootcacrl")) {
                body = fixtures.text("root_ca_crl").getBytes(StandardCharsets.US_ASCII); // PCCS serves it as hex
            } else {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sgx/certification/v4/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private PcsCollateralFetcher fetcher() {
        return new PcsCollateralFetcher(base, TcbUpdateType.EARLY, HttpClient.newHttpClient(), Duration.ofSeconds(10));
    }

    @Test
    void fetchesWhatAQuoteNeedsIntoTheDirectoryLayout() throws Exception {
        PcsCollateralFetcher.FetchResult result = fetcher().fetchForQuote(Vectors.bytes(DcapQuoteVerifierVectorTest.TDX_QUOTE), temp);
        assertThat(result.fmspc()).isEqualTo("B0C06F000000");
        assertThat(result.ca()).isEqualTo(PckCaType.PLATFORM);
        List<String> files = new ArrayList<>();
        for (Path file : result.files()) {
            files.add(temp.relativize(file).toString());
        }
        assertThat(files).containsExactlyInAnyOrder("tdx/tcb/B0C06F000000.json", "tdx/tcb/B0C06F000000.issuer-chain.pem",
                "tdx/qe-identity.json", "tdx/qe-identity.issuer-chain.pem", "pckcrl/platform.crl", "pckcrl/platform.issuer-chain.pem",
                "rootcacrl.crl");
        assertThat(Files.readString(temp.resolve("tdx/tcb/B0C06F000000.issuer-chain.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
        DcapVerification verified = DcapQuoteVerifierVectorTest.verifier(new CollateralDirectory(temp), Vectors.TDX_QVL_TIME,
                TcbStatus.referenceAccepted()).verify(Vectors.bytes(DcapQuoteVerifierVectorTest.TDX_QUOTE));
        assertThat(verified.tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
    }

    @Test
    void onlineFetchFillsTheDirectoryOnFirstUseOnly() throws Exception {
        DcapSettings settings = DcapSettings.defaults().withCollateralService(base).withCollateralPath(temp).withOnlineFetch(true);
        DcapQuoteVerifier verifier = new DcapQuoteVerifier(TrustedRootCa.intel(), settings.collateralSource(Vectors.at(Vectors.TDX_QVL_TIME)),
                settings.acceptedStatuses(), Duration.ZERO, Vectors.at(Vectors.TDX_QVL_TIME));
        assertThat(verifier.verify(Vectors.bytes(DcapQuoteVerifierVectorTest.TDX_QUOTE)).tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
        int afterFirst = requests.size();
        assertThat(afterFirst).isEqualTo(4);
        assertThat(verifier.verify(Vectors.bytes(DcapQuoteVerifierVectorTest.TDX_QUOTE)).tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
        assertThat(requests).hasSize(afterFirst);
    }

    @Test
    void unknownFmspcIsAnHttpError() {
        assertThatThrownBy(() -> fetcher().fetch(io.coco4j.protocol.tee.dcap.TeeType.TDX, new byte[6], PckCaType.PLATFORM, temp))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("404");
    }
}
