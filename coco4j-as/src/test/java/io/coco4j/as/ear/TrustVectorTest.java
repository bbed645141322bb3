package io.coco4j.as.ear;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustVectorTest {

    @ParameterizedTest
    @CsvSource({
            "0,none", "1,none", "-1,none",
            "2,affirming", "-2,affirming", "3,affirming", "31,affirming", "-32,affirming",
            "32,warning", "-33,warning", "33,warning", "36,warning", "95,warning", "-96,warning",
            "96,contraindicated", "-97,contraindicated", "97,contraindicated", "127,contraindicated", "-128,contraindicated"})
    void tierOfAClaimValue(int value, String tier) {
        assertThat(TrustTier.of(value).wireName()).isEqualTo(tier);
    }

    @Test
    void statusIsTheWorstTierAndUnsetClaimsCountAsNone() {
        Map<TrustClaim, Integer> claims = new EnumMap<>(TrustClaim.class);
        claims.put(TrustClaim.EXECUTABLES, 3);
        assertThat(TrustVector.of(claims).status()).isEqualTo(TrustTier.AFFIRMING);
        claims.put(TrustClaim.CONFIGURATION, 36);
        assertThat(TrustVector.of(claims).status()).isEqualTo(TrustTier.WARNING);
        claims.put(TrustClaim.HARDWARE, 97);
        assertThat(TrustVector.of(claims).status()).isEqualTo(TrustTier.CONTRAINDICATED);
        assertThat(TrustVector.of(Map.of(TrustClaim.SOURCED_DATA, 0)).status()).isEqualTo(TrustTier.NONE);
    }

    @Test
    void jsonHoldsOnlyTheSetClaimsByName() {
        Map<TrustClaim, Integer> claims = new EnumMap<>(TrustClaim.class);
        claims.put(TrustClaim.FILE_SYSTEM, 0);
        claims.put(TrustClaim.INSTANCE_IDENTITY, -1);
        assertThat(TrustVector.of(claims).toJson().toString()).isEqualTo("{\"instance-identity\":-1,\"file-system\":0}");
    }

    @Test
    void refusesAnEmptyVectorAndValuesOutsideI8() {
        assertThatThrownBy(() -> TrustVector.of(Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustVector.of(Map.of(TrustClaim.HARDWARE, 128))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustVector.of(Map.of(TrustClaim.HARDWARE, -129))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void claimNamesAreTheAr4siNames() {
        assertThat(TrustClaim.values()).extracting(TrustClaim::wireName).containsExactly("instance-identity", "configuration",
                "executables", "file-system", "hardware", "runtime-opaque", "storage-opaque", "sourced-data");
        assertThat(TrustClaim.fromWireName("file_system")).isEmpty();
    }
}
