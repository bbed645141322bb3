package io.coco4j.verifier.snp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.tee.snp.SnpProduct;
import io.coco4j.protocol.tee.snp.TcbVersion;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.VerifierRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

/**
 * An attacker builds a complete AMD-shaped chain of their own (root, intermediate, VCEK) and signs
 * whatever report they like. Every signature in it verifies; the root is simply not AMD's.
 */
class WrongVendorRootAttackTest {

    private static final Clock CLOCK = Clock.fixed(TestSnpPlatform.NOT_BEFORE.plus(Duration.ofDays(1)), ZoneOffset.UTC);

    @Test
    void selfMadeRootIsRefusedByTheProductionVerifier() throws Exception {
        TestSnpPlatform forged = TestSnpPlatform.generate(SnpProduct.MILAN);
        TestSnpPlatform.Vcek vcek = forged.vcek(TcbVersion.of(9, 9, 30, 250));
        ObjectNode evidence = vcek.evidence(vcek.sign(vcek.report()));
        SnpVerifier production = SnpVerifier.create(SnpVerifierSettings.defaults(), CLOCK);
        assertThatThrownBy(() -> production.evaluate(evidence, Expectation.none())).isInstanceOf(UntrustedArkException.class)
                .hasMessageContaining(ArkPins.fingerprint(forged.ark()));
        // The same evidence verifies under its own pin: the chain itself is sound, only the root is foreign.
        assertThat(SnpVerifier.create(SnpVerifierSettings.defaults().withArkPins(forged.pins()), CLOCK).evaluate(evidence, Expectation.none())).hasSize(1);
        assertThat(SnpVerifierSettings.defaults().arkPins()).isSameAs(ArkPins.amd());
        assertThat(VerifierRegistry.builder(VerifierRegistry.Mode.PRODUCTION).add(production).build().supports(production.tee())).isTrue();
    }

    @Test
    void anotherTrustedPlatformsRootCannotVouchForAForgedIntermediate() throws Exception {
        TestSnpPlatform trusted = TestSnpPlatform.generate(SnpProduct.MILAN);
        TestSnpPlatform forged = TestSnpPlatform.generate(SnpProduct.MILAN);
        TestSnpPlatform.Vcek vcek = forged.vcek(TcbVersion.of(3, 0, 8, 115));
        ObjectNode evidence = vcek.evidence(vcek.sign(vcek.report()));
        // Swap in the trusted ARK: it matches the pin, but did not sign the forged ASK.
        ArrayNode table = (ArrayNode) evidence.get("cert_chain");
        ObjectNode arkEntry = (ObjectNode) table.get(2);
        ArrayNode data = arkEntry.putArray("data");
        for (byte b : trusted.ark().getEncoded()) {
            data.add(b & 0xFF);
        }
        SnpVerifier verifier = SnpVerifier.create(SnpVerifierSettings.defaults().withArkPins(trusted.pins()), CLOCK);
        assertThatThrownBy(() -> verifier.evaluate(evidence, Expectation.none())).isInstanceOf(SnpCertificateSignatureException.class)
                .hasMessageContaining("ASK");
    }

    @Test
    void rootOfAnotherProductIsNotAccepted() throws Exception {
        // A genuine-looking Genoa root pinned for Genoa does not vouch for a report from a Milan chip.
        TestSnpPlatform genoa = TestSnpPlatform.generate(SnpProduct.GENOA);
        TestSnpPlatform milan = TestSnpPlatform.generate(SnpProduct.MILAN);
        TestSnpPlatform.Vcek vcek = milan.vcek(TcbVersion.of(3, 0, 8, 115));
        ObjectNode evidence = vcek.evidence(vcek.sign(vcek.report()));
        SnpVerifier verifier = SnpVerifier.create(SnpVerifierSettings.defaults().withArkPins(genoa.pins()), CLOCK);
        assertThatThrownBy(() -> verifier.evaluate(evidence, Expectation.none())).isInstanceOf(UntrustedArkException.class);
    }
}
