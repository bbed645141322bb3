package io.coco4j.rego.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.coco4j.rego.Vectors;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Runs the shared OPA/regorus conformance cases and the Kata agent-policy cases. */
class ConformanceVectorsTest {

    private static ConformanceRunner.Summary run(String folder) throws Exception {
        Optional<Path> root = Vectors.root();
        assumeTrue(root.isPresent(), "vectors not available");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ConformanceRunner.Summary s = new ConformanceRunner(Exclusions.DEFAULT)
                .run(List.of(root.get().resolve(folder)), new PrintStream(buf, true, StandardCharsets.UTF_8));
        System.out.print(buf.toString(StandardCharsets.UTF_8));
        return s;
    }

    @Test
    void regoConformanceCasesAllPass() throws Exception {
        ConformanceRunner.Summary s = run("rego-conformance");
        assertThat(s.failed()).as(s.line()).isZero();
        assertThat(s.passed()).isGreaterThan(900);
        // Only the named exclusions and the cases the files themselves mark `skip: true` are skipped.
        assertThat(s.outcomes()).filteredOn(o -> o.status() == CaseOutcome.Status.SKIPPED)
                .allSatisfy(o -> assertThat(o.reason()).matches("skip: true|regorus-only extension.*|builtin missing.*"));
    }

    @Test
    void kataAgentPolicyCasesAllPass() throws Exception {
        ConformanceRunner.Summary s = run("rego-kata");
        assertThat(s.failed()).as(s.line()).isZero();
        assertThat(s.passed()).isGreaterThanOrEqualTo(51);
    }
}
