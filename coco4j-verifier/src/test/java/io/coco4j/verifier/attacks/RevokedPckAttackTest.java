package io.coco4j.verifier.attacks;

import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.dcap.CertificateRevokedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A platform whose PCK key leaked is put on the PCK CRL: its quotes no longer pass, however well signed. */
class RevokedPckAttackTest {

    @TempDir
    Path collateral;

    @Test
    void quoteOfARevokedPckIsRefused() throws Exception {
        TdxFixture fixture = new TdxFixture(collateral).withCollateral("UpToDate", List.of(), java.math.BigInteger.valueOf(7));
        assertThat(fixture.verifier().evaluate(fixture.evidence(), Expectation.none())).hasSize(1);

        TdxFixture revoked = new TdxFixture(collateral);
        revoked.withCollateral("UpToDate", List.of(), revoked.platform.pckSerial());
        assertThatThrownBy(() -> revoked.verifier().evaluate(revoked.evidence(), Expectation.none()))
                .isInstanceOf(CertificateRevokedException.class).hasMessageContaining("PCK CRL");
    }
}
