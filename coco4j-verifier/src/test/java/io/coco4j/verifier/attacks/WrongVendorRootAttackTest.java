package io.coco4j.verifier.attacks;

import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.dcap.TcbStatus;
import io.coco4j.verifier.dcap.TrustedRootCa;
import io.coco4j.verifier.dcap.UntrustedRootException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An attacker builds a complete DCAP hierarchy whose root carries Intel's exact names, signs a quote
 * and matching collateral with it: a verifier that pins Intel's root fingerprint refuses it.
 */
class WrongVendorRootAttackTest {

    @TempDir
    Path collateral;

    @Test
    void forgedIntelLookalikeHierarchyIsRefused() throws Exception {
        TdxFixture attacker = new TdxFixture(collateral).withCollateral("UpToDate", java.util.List.of());
        assertThat(attacker.pki.root.getSubjectX500Principal().getName()).contains("CN=Intel SGX Root CA");
        // the same evidence passes where the attacker's root is pinned: the forgery is otherwise perfect
        assertThat(attacker.verifier().evaluate(attacker.evidence(), Expectation.none())).hasSize(1);
        assertThatThrownBy(() -> attacker.verifier(TrustedRootCa.intel(), TcbStatus.referenceAccepted(), TdxFixture.NOW)
                .evaluate(attacker.evidence(), Expectation.none()))
                .isInstanceOf(UntrustedRootException.class).hasMessageContaining(TrustedRootCa.INTEL_SGX_ROOT_CA_SHA256);
    }

    @Test
    void collateralSignedUnderAnotherRootIsRefused() throws Exception {
        // the quote chains to the pinned root, the collateral to a second, unpinned hierarchy
        TdxFixture genuine = new TdxFixture(collateral);
        TdxFixture rogue = new TdxFixture(collateral);
        rogue.pki.writeTdxCollateral(collateral, genuine.platform, "UpToDate", java.util.List.of(),
                TdxFixture.NOW.minusSeconds(60), TdxFixture.NOW.plusSeconds(3600));
        assertThatThrownBy(() -> genuine.verifier().evaluate(genuine.evidence(), Expectation.none()))
                .isInstanceOfAny(UntrustedRootException.class, io.coco4j.verifier.dcap.CollateralIssuerException.class,
                        io.coco4j.verifier.dcap.CollateralSignatureException.class);
    }
}
