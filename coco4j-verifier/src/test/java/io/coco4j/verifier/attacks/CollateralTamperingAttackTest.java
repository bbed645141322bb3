package io.coco4j.verifier.attacks;

import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.dcap.CollateralExpiredException;
import io.coco4j.verifier.dcap.CollateralSignatureException;
import io.coco4j.verifier.dcap.TcbStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An operator with write access to the collateral cache edits it (to upgrade a Revoked TCB level),
 * or keeps serving collateral Intel has since superseded: both are refused.
 */
class CollateralTamperingAttackTest {

    @TempDir
    Path collateral;

    @Test
    void upgradingARevokedTcbLevelInTheCacheBreaksItsSignature() throws Exception {
        TdxFixture fixture = new TdxFixture(collateral).withCollateral("Revoked", List.of("INTEL-SA-99999"));
        Path tcbInfo = collateral.resolve("tdx/tcb/" + HexFormat.of().withUpperCase().formatHex(TdxFixture.FMSPC) + ".json");
        String edited = Files.readString(tcbInfo).replace("\"tcbStatus\":\"Revoked\"", "\"tcbStatus\":\"UpToDate\"");
        assertThat(edited).contains("\"tcbStatus\":\"UpToDate\"");
        Files.writeString(tcbInfo, edited, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> fixture.verifier().evaluate(fixture.evidence(), Expectation.none()))
                .isInstanceOf(CollateralSignatureException.class).hasMessageContaining("TCB info");
    }

    @Test
    void editedQeIdentityBreaksItsSignature() throws Exception {
        TdxFixture fixture = new TdxFixture(collateral).withCollateral("UpToDate", List.of());
        Path identity = collateral.resolve("tdx/qe-identity.json");
        Files.writeString(identity, Files.readString(identity).replace("\"isvsvn\":4", "\"isvsvn\":1"));
        assertThatThrownBy(() -> fixture.verifier().evaluate(fixture.evidence(), Expectation.none()))
                .isInstanceOf(CollateralSignatureException.class).hasMessageContaining("QE identity");
    }

    @Test
    void collateralPastItsNextUpdateIsRefused() throws Exception {
        TdxFixture fixture = new TdxFixture(collateral).withCollateral("UpToDate", List.of());
        assertThat(fixture.verifier().evaluate(fixture.evidence(), Expectation.none())).hasSize(1);
        var later = fixture.verifier(fixture.pki.trustedRoot(), TcbStatus.referenceAccepted(), TdxFixture.NOW.plus(java.time.Duration.ofDays(30)));
        assertThatThrownBy(() -> later.evaluate(fixture.evidence(), Expectation.none())).isInstanceOf(CollateralExpiredException.class);
    }
}
