package io.coco4j.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.tee.Tee;
import io.coco4j.verifier.sample.SampleDeviceVerifier;
import io.coco4j.verifier.sample.SampleVerifier;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifierRegistryTest {

    @Test
    void developmentModeHasTheSampleVerifiers() throws Exception {
        VerifierRegistry registry = VerifierRegistry.create(VerifierRegistry.Mode.DEVELOPMENT);
        assertThat(registry.mode()).isEqualTo(VerifierRegistry.Mode.DEVELOPMENT);
        assertThat(registry.tees()).containsExactlyInAnyOrder(Tee.SAMPLE, Tee.SAMPLE_DEVICE);
        assertThat(registry.verifier(Tee.SAMPLE)).isInstanceOf(SampleVerifier.class);
        assertThat(registry.verifier(Tee.SAMPLE_DEVICE)).isInstanceOf(SampleDeviceVerifier.class);
    }

    @Test
    void productionModeRefusesTheSampleTeeWithAReason() {
        VerifierRegistry registry = VerifierRegistry.create(VerifierRegistry.Mode.PRODUCTION);
        assertThat(registry.supports(Tee.SAMPLE)).isFalse();
        assertThat(registry.tees()).doesNotContain(Tee.SAMPLE, Tee.SAMPLE_DEVICE);
        assertThatThrownBy(() -> registry.verifier(Tee.SAMPLE))
                .isInstanceOf(UnsupportedTeeException.class).hasMessageContaining("refused in production mode");
        assertThatThrownBy(() -> registry.verifier(Tee.SAMPLE_DEVICE))
                .isInstanceOf(UnsupportedTeeException.class).hasMessageContaining("sampledevice");
    }

    @Test
    void productionModeCannotBeGivenASampleVerifier() {
        VerifierRegistry.Builder builder = VerifierRegistry.builder(VerifierRegistry.Mode.PRODUCTION);
        assertThatThrownBy(() -> builder.add(new SampleVerifier())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> builder.add(new SampleDeviceVerifier())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void unregisteredTeeIsUnsupported() {
        VerifierRegistry registry = VerifierRegistry.create(VerifierRegistry.Mode.DEVELOPMENT);
        assertThatThrownBy(() -> registry.verifier(Tee.SNP))
                .isInstanceOf(UnsupportedTeeException.class).hasMessage("no verifier for TEE 'snp' is available");
    }

    @Test
    void oneVerifierPerTee() {
        VerifierRegistry.Builder builder = VerifierRegistry.builder(VerifierRegistry.Mode.DEVELOPMENT).add(new SampleVerifier());
        assertThatThrownBy(() -> builder.add(new SampleVerifier())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void productionVerifiersAreAccepted() throws Exception {
        Verifier snp = new Verifier() {
            @Override
            public Tee tee() {
                return Tee.SNP;
            }

            @Override
            public List<VerifiedClaims> evaluate(JsonNode evidence, Expectation expectation) throws VerificationException {
                throw new SignatureInvalidException("test verifier accepts nothing");
            }
        };
        VerifierRegistry registry = VerifierRegistry.builder(VerifierRegistry.Mode.PRODUCTION).add(snp).build();
        assertThat(registry.verifier(Tee.SNP)).isSameAs(snp);
        assertThat(registry.tees()).containsExactly(Tee.SNP);
    }
}
