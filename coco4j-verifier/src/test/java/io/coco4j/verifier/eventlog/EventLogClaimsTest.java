package io.coco4j.verifier.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.tee.eventlog.CcEventLog;
import io.coco4j.protocol.tee.eventlog.TcgAlgorithm;
import io.coco4j.protocol.testing.TestVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventLogClaimsTest {

    private static final String ZERO = "0".repeat(96);

    private static CcEventLog log(String name) throws Exception {
        return EventLogClaims.parse(Files.readAllBytes(TestVectors.resolve("eventlog/trustee/" + name)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CCEL_data", "CCEL_data_ovmf", "CCEL_data_grub", "CCEL_AAEL_alibabacloud", "CCEL_data_csv"})
    void claimsEqualTheReferenceOutput(String name) throws Exception {
        JsonNode expected = Json.readTree(Files.readAllBytes(TestVectors.resolve("eventlog/trustee/" + name + "_out.json")));
        JsonNode actual = Json.mapper().createObjectNode().set("uefi_event_logs", EventLogClaims.uefiEventLogs(log(name)));
        // JSON normalisation: compare the trees as parsed from text, so number widths do not matter
        assertThat(Json.readTree(Json.write(actual))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "CCEL_data,2dc712306a963eadb894ad47dbaa17df44814151555aee11cbb843becca88950ffd079664902e6f22c66f7c8213543f4,0fa3be56af61208bbd179dc7b124988eb929319154663c539d6f46445ecac2fec287075047ff7bd1922829fec28cd3cf,,",
            "CCEL_data_ovmf,8566f998798db09443b244c62de9a3041fb02e2e6936c4396d784bba2e90177329ec5aba3bb484404f2ab9cc90abe193,775b9f6bfe99f8a31396f0d0218e67ffa796d3b96ccf961cbb0deba48c79c00f082cda1a5567c1c16305f1fc210c13c6,94eaf7a7bf398ed8d888c91057ae0261802e4f3df084213a76ca7f0b5055ac9d2241de43cd58d9e8b49c503bbf25f34a,",
            "CCEL_data_grub,cec0a104f691f60da2387fea3c2de00c4ac035e2bb479ff02edcce69039d9e9907f0b3e55031da3dc7038f423adebd79,6c289e0c62182d41ebe97bdbc9872d10998a08eaa86adcdc684001a363207ee72942c7522cdf00a4bbc3d784bed7b670,08919d017ba0e52cd6d966351c7de16fe76c1d3d3d3da4554239e4c7d16cb8b82a94e7eaea3a0e6e18eb690b999fd31e,",
            "CCEL_data_gcp,3300980705adf09d28b707b79699d9874892164280832be2c386a715b6e204e0897fb564a064f810659207ba862b304f,204d49f78d29918fe7b2f694e76653861a0c2a018987d2c3a54266eff737232524cf0af68c4d180e2f8c2c0937f21967,,",
    })
    void replayGivesTheReferenceRtmrs(String name, String rtmr0, String rtmr1, String rtmr2, String rtmr3) throws Exception {
        CcEventLog log = log(name);
        String[] expected = {rtmr0, rtmr1, rtmr2 == null ? ZERO : rtmr2, rtmr3 == null ? ZERO : rtmr3};
        for (int i = 0; i < 4; i++) {
            assertThat(HexFormat.of().formatHex(RtmrReplay.replay(log, i + 1, TcgAlgorithm.SHA384))).as("RTMR%d", i).isEqualTo(expected[i]);
        }
        RtmrReplay.requireMatch(log, rtmrs(expected));
    }

    @Test
    void wrongRtmr0IsRefusedWithTheReferenceMessage() throws Exception {
        String good = "3300980705adf09d28b707b79699d9874892164280832be2c386a715b6e204e0897fb564a064f810659207ba862b304f";
        String bad = good.substring(0, 94) + "4d";
        byte[][] rtmrs = rtmrs(new String[]{bad, "204d49f78d29918fe7b2f694e76653861a0c2a018987d2c3a54266eff737232524cf0af68c4d180e2f8c2c0937f21967", ZERO, ZERO});
        assertThatThrownBy(() -> RtmrReplay.requireMatch(log("CCEL_data_gcp"), rtmrs))
                .isInstanceOf(RtmrReplayMismatchException.class)
                .hasMessage("Eventlog does not pass measurement replay CC Event Log Measurement Register [index = 1]. Calculated value: "
                        + good + ", Given value: " + bad)
                .satisfies(e -> assertThat(((RtmrReplayMismatchException) e).index()).isEqualTo(1));
    }

    @Test
    void wrongRtmr1IsRefusedWithTheReferenceMessage() throws Exception {
        String good = "0fa3be56af61208bbd179dc7b124988eb929319154663c539d6f46445ecac2fec287075047ff7bd1922829fec28cd3cf";
        String bad = "2f" + good.substring(2);
        byte[][] rtmrs = rtmrs(new String[]{"2dc712306a963eadb894ad47dbaa17df44814151555aee11cbb843becca88950ffd079664902e6f22c66f7c8213543f4", bad, ZERO, ZERO});
        assertThatThrownBy(() -> RtmrReplay.requireMatch(log("CCEL_data"), rtmrs))
                .isInstanceOf(RtmrReplayMismatchException.class)
                .hasMessageContaining("[index = 2]. Calculated value: " + good + ", Given value: " + bad);
    }

    @Test
    void truncatedLogIsMalformed() throws Exception {
        byte[] ccel = Files.readAllBytes(TestVectors.resolve("eventlog/trustee/CCEL_data_ovmf"));
        byte[] cut = java.util.Arrays.copyOf(ccel, 700);
        assertThatThrownBy(() -> EventLogClaims.parse(cut)).isInstanceOf(MalformedEventLogException.class)
                .hasMessageContaining("ends inside");
        assertThatThrownBy(() -> EventLogClaims.parse(new byte[]{1, 2, 3})).isInstanceOf(MalformedEventLogException.class);
    }

    static byte[][] rtmrs(String[] hex) {
        byte[][] out = new byte[4][];
        for (int i = 0; i < 4; i++) {
            out[i] = HexFormat.of().parseHex(hex[i]);
        }
        return out;
    }
}
