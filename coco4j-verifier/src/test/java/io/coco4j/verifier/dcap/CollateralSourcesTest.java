package io.coco4j.verifier.dcap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.tee.dcap.TeeType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CollateralSourcesTest {

    @TempDir
    Path temp;

    private static DcapQuoteVerifier verifier(CollateralSource source) {
        return DcapQuoteVerifierVectorTest.verifier(source, Vectors.TDX_QVL_TIME, TcbStatus.referenceAccepted());
    }

    private CollateralFixtures tdx() throws Exception {
        return new CollateralFixtures(DcapQuoteVerifierVectorTest.TDX_COLLATERAL);
    }

    @Test
    void directoryOfPcsResponses() throws Exception {
        tdx().writeDirectory(temp, "tdx", "B0C06F000000", "platform");
        DcapVerification result = verifier(new CollateralDirectory(temp)).verify(Vectors.bytes(DcapQuoteVerifierVectorTest.TDX_QUOTE));
        assertThat(result.tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
    }

    @Test
    void directoryFindsLowerCaseFmspcFileNames() throws Exception {
        tdx().writeDirectory(temp, "tdx", "b0c06f000000", "platform");
        assertThat(verifier(new CollateralDirectory(temp)).verify(Vectors.bytes(DcapQuoteVerifierVectorTest.TDX_QUOTE)).tcbStatus())
                .isEqualTo(TcbStatus.UP_TO_DATE);
    }

    @Test
    void missingDirectoryEntryNamesTheFile() throws Exception {
        tdx().writeDirectory(temp, "tdx", "B0C06F000000", "platform");
        Files.delete(temp.resolve("rootcacrl.crl"));
        assertThatThrownBy(() -> verifier(new CollateralDirectory(temp)).verify(Vectors.bytes(DcapQuoteVerifierVectorTest.TDX_QUOTE)))
                .isInstanceOf(CollateralUnavailableException.class).hasMessageContaining("rootcacrl.crl");
    }

    @Test
    void pcsClientToolFileAsTheReferenceReadsIt() throws Exception {
        Path file = temp.resolve("collateral.json");
        Files.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(tdx().pcsClientTool("B0C06F000000", true, "platform")));
        DcapVerification result = verifier(new CollateralBundle(file, TcbUpdateType.STANDARD)).verify(Vectors.bytes(DcapQuoteVerifierVectorTest.TDX_QUOTE));
        assertThat(result.tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
    }

    @Test
    void pcsClientToolFileWithoutTheFmspcIsUnavailable() throws Exception {
        Path file = temp.resolve("collateral.json");
        Files.write(file, Json.writeBytes(tdx().pcsClientTool("00606A000000", true, "platform")));
        assertThatThrownBy(() -> verifier(new CollateralBundle(file, TcbUpdateType.EARLY)).verify(Vectors.bytes(DcapQuoteVerifierVectorTest.TDX_QUOTE)))
                .isInstanceOf(CollateralUnavailableException.class).hasMessageContaining("B0C06F000000");
    }

    private Path tamperedBundle(String field, String from, String to) throws Exception {
        ObjectNode bundle = (ObjectNode) tdx().bundle.deepCopy();
        String value = bundle.get(field).asText();
        assertThat(value).contains(from);
        bundle.put(field, value.replace(from, to));
        Path file = temp.resolve("tampered.json");
        Files.write(file, Json.writeBytes(bundle));
        return file;
    }

    @Test
    void tamperedTcbInfoBreaksItsSignature() throws Exception {
        Path file = tamperedBundle("tcb_info", "\"tcbEvaluationDataNumber\":17", "\"tcbEvaluationDataNumber\":18");
        assertThatThrownBy(() -> verifier(new CollateralBundle(file, TcbUpdateType.EARLY)).verify(Vectors.bytes(DcapQuoteVerifierVectorTest.TDX_QUOTE)))
                .isInstanceOf(CollateralSignatureException.class).hasMessageContaining("TCB info signature");
    }

    @Test
    void tamperedQeIdentityBreaksItsSignature() throws Exception {
        Path file = tamperedBundle("qe_identity", "\"isvsvn\":4", "\"isvsvn\":3");
        assertThatThrownBy(() -> verifier(new CollateralBundle(file, TcbUpdateType.EARLY)).verify(Vectors.bytes(DcapQuoteVerifierVectorTest.TDX_QUOTE)))
                .isInstanceOf(CollateralSignatureException.class).hasMessageContaining("QE identity signature");
    }

    @Test
    void tamperedPckCrlBreaksItsSignature() throws Exception {
        String crl = tdx().text("pck_crl");
        // flip a bit in the last byte: the end of the CRL's ECDSA signature
        String last = crl.substring(crl.length() - 2);
        String flipped = String.format("%02x", Integer.parseInt(last, 16) ^ 1);
        Path file = tamperedBundle("pck_crl", crl, crl.substring(0, crl.length() - 2) + flipped);
        assertThatThrownBy(() -> verifier(new CollateralBundle(file, TcbUpdateType.EARLY)).verify(Vectors.bytes(DcapQuoteVerifierVectorTest.TDX_QUOTE)))
                .isInstanceOf(CollateralSignatureException.class).hasMessageContaining("PCK CRL");
    }

    @Test
    void pceIdMismatchIsRefusedBeforeAnySignatureCheck() throws Exception {
        Path file = tamperedBundle("tcb_info", "\"pceId\":\"0000\"", "\"pceId\":\"0100\"");
        assertThatThrownBy(() -> verifier(new CollateralBundle(file, TcbUpdateType.EARLY)).verify(Vectors.bytes(DcapQuoteVerifierVectorTest.TDX_QUOTE)))
                .isInstanceOf(PceIdMismatchException.class);
    }

    @Test
    void sgxCollateralForATdxQuoteIsRefused() {
        DcapQuoteVerifier verifier = DcapQuoteVerifierVectorTest.verifier(
                new CollateralBundle(io.coco4j.protocol.testing.TestVectors.resolve(DcapQuoteVerifierVectorTest.SGX_COLLATERAL), TcbUpdateType.EARLY),
                Vectors.TDX_QVL_TIME, TcbStatus.referenceAccepted());
        assertThatThrownBy(() -> verifier.verify(Vectors.bytes(DcapQuoteVerifierVectorTest.TDX_QUOTE))).isInstanceOf(FmspcMismatchException.class);
    }

    @Test
    void verifiedCollateralIsCachedAndRereadAfterTheRefreshInterval() throws Exception {
        tdx().writeDirectory(temp, "tdx", "B0C06F000000", "platform");
        CollateralDirectory directory = new CollateralDirectory(temp);
        AtomicInteger reads = new AtomicInteger();
        CollateralSource counting = new CollateralSource() {
            @Override
            public IntelCollateral collateral(TeeType tee, byte[] fmspc, PckCaType ca) throws CollateralUnavailableException, MalformedCollateralException {
                reads.incrementAndGet();
                return directory.collateral(tee, fmspc, ca);
            }

            @Override
            public String describe() {
                return "counting";
            }
        };
        AtomicReference<Instant> now = new AtomicReference<>(Vectors.TDX_QVL_TIME.minus(Duration.ofHours(2)));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        DcapQuoteVerifier verifier = new DcapQuoteVerifier(TrustedRootCa.intel(), counting, TcbStatus.referenceAccepted(), Duration.ofMinutes(10), clock);
        byte[] quote = Vectors.bytes(DcapQuoteVerifierVectorTest.TDX_QUOTE);
        verifier.verify(quote);
        verifier.verify(quote);
        assertThat(reads).hasValue(1);
        now.set(now.get().plus(Duration.ofMinutes(11)));
        verifier.verify(quote);
        assertThat(reads).hasValue(2);
        // past the collateral's validity the cache no longer answers and the stale files are refused
        now.set(Vectors.TDX_QVL_TIME.plusSeconds(60));
        assertThatThrownBy(() -> verifier.verify(quote)).isInstanceOf(CollateralExpiredException.class);
    }

    @Test
    void settingsFromTheReferenceConfig() throws Exception {
        DcapSettings file = DcapSettings.fromReferenceConfig(Json.readTree(
                "{\"dcap_verifier\":{\"collateral_service\":\"file:///var/lib/coco4j/collateral\",\"tcb_update_type\":\"standard\"}}"));
        assertThat(file.collateralPath()).contains(Path.of("/var/lib/coco4j/collateral"));
        assertThat(file.tcbUpdateType()).isEqualTo(TcbUpdateType.STANDARD);
        assertThat(file.onlineFetch()).isFalse();
        DcapSettings pccs = DcapSettings.fromReferenceConfig(Json.readTree("{\"collateral_service\":\"https://pccs.example:8081/sgx/certification/v4/\"}"));
        assertThat(pccs.collateralService().orElseThrow().getHost()).isEqualTo("pccs.example");
        assertThat(pccs.tcbUpdateType()).isEqualTo(TcbUpdateType.EARLY);
        assertThat(pccs.acceptedStatuses()).isEqualTo(TcbStatus.referenceAccepted());
        assertThat(DcapSettings.fromReferenceConfig(null)).isEqualTo(DcapSettings.defaults());
        assertThatThrownBy(() -> DcapSettings.fromReferenceConfig(Json.readTree("{\"tcb_update_type\":\"late\"}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DcapSettings.fromReferenceConfig(Json.readTree("{\"collateral_service\":\"ftp://x\"}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(DcapSettings.statuses(java.util.List.of("UpToDate", "SWHardeningNeeded"))).containsExactlyInAnyOrder(
                TcbStatus.UP_TO_DATE, TcbStatus.SW_HARDENING_NEEDED);
        assertThatThrownBy(() -> DcapSettings.statuses(java.util.List.of("Fine"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsWithoutCollateralExplainWhatToConfigure() {
        CollateralSource none = DcapSettings.defaults().collateralSource(Clock.systemUTC());
        assertThatThrownBy(() -> none.collateral(TeeType.TDX, HexFormat.of().parseHex("b0c06f000000"), PckCaType.PLATFORM))
                .isInstanceOf(CollateralUnavailableException.class).hasMessageContaining("collateral_service");
    }
}
