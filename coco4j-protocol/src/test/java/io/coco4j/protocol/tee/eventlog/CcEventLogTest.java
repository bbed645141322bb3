package io.coco4j.protocol.tee.eventlog;

import io.coco4j.protocol.testing.TestVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CcEventLogTest {

    private static byte[] vector(String path) throws Exception {
        return Files.readAllBytes(TestVectors.resolve(path));
    }

    @ParameterizedTest
    @CsvSource({
            "eventlog/trustee/CCEL_data,SHA384,5",
            "eventlog/trustee/CCEL_data_ovmf,SHA384,",
            "eventlog/trustee/CCEL_data_csv,SM3_256,",
            "eventlog/go-tdx-guest/ccel_data.dat,SHA384,",
    })
    void parsesVectorLogsAndReencodesThem(String path, TcgAlgorithm algorithm, Integer events) throws Exception {
        CcEventLog log = CcEventLog.parse(vector(path));
        assertThat(log.digestSizes()).containsKey(algorithm);
        if (events != null) {
            assertThat(log.events()).hasSize(events);
        }
        CcEventLog again = CcEventLog.parse(log.encode());
        assertThat(again.events()).hasSameSizeAs(log.events());
        for (int i = 0; i < log.events().size(); i++) {
            assertThat(again.events().get(i).data()).isEqualTo(log.events().get(i).data());
            assertThat(again.events().get(i).type()).isEqualTo(log.events().get(i).type());
            assertThat(again.events().get(i).index()).isEqualTo(log.events().get(i).index());
        }
    }

    @Test
    void refusesALogWithoutTheSpecIdHeader() {
        byte[] data = new byte[64];
        data[4] = 1; // EV_POST_CODE first
        assertThatThrownBy(() -> CcEventLog.parse(data)).isInstanceOf(EventLogFormatException.class).hasMessageContaining("spec-ID");
    }

    @Test
    void refusesDigestsOfUndeclaredAlgorithms() {
        CcEventLog log = new CcEventLog(Map.of(TcgAlgorithm.SHA384, 48),
                List.of(new TcgEvent(1, TcgEventType.EV_SEPARATOR, List.of(new TcgDigest(TcgAlgorithm.SHA256, new byte[32])), new byte[4])));
        assertThatThrownBy(() -> CcEventLog.parse(log.encode())).isInstanceOf(EventLogFormatException.class).hasMessageContaining("SHA-256");
    }

    @Test
    void erasedAreaEndsTheLogAndTruncationIsRefused() throws Exception {
        CcEventLog log = new CcEventLog(Map.of(TcgAlgorithm.SHA384, 48),
                List.of(new TcgEvent(1, TcgEventType.EV_SEPARATOR, List.of(new TcgDigest(TcgAlgorithm.SHA384, new byte[48])), new byte[4])));
        byte[] encoded = log.encode();
        byte[] padded = Arrays.copyOf(encoded, encoded.length + 100);
        Arrays.fill(padded, encoded.length, padded.length, (byte) 0xFF);
        assertThat(CcEventLog.parse(padded).events()).hasSize(1);
        assertThatThrownBy(() -> CcEventLog.parse(Arrays.copyOf(encoded, encoded.length - 2)))
                .isInstanceOf(EventLogFormatException.class).hasMessageContaining("ends inside");
    }
}
