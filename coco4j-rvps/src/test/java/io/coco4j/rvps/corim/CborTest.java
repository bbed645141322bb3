package io.coco4j.rvps.corim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CborTest {

    private static Object decode(String hex) throws IOException {
        return Cbor.decode(HexFormat.of().parseHex(hex));
    }

    @Test
    void finiteFloatsDecodeToTheirDecimalValue() throws Exception {
        assertThat(decode("f93e00")).isEqualTo(new BigDecimal("1.5"));
        assertThat(decode("fb3ff8000000000000")).isEqualTo(new BigDecimal("1.5"));
    }

    @Test
    void nanAndInfinitiesAreFormatErrors() {
        // found by fuzzing (CorimFuzzTest): Jackson's decimal conversion threw NumberFormatException on NaN
        for (String hex : new String[] {"f97e00", "f97c00", "f9fc00", "fa7fc00000", "fb7ff8000000000000", "81f97e00"}) {
            assertThatThrownBy(() -> decode(hex)).as(hex).isInstanceOf(IOException.class).hasMessageContaining("not a finite number");
        }
    }
}
