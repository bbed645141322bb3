package io.coco4j.fuzz;

import java.nio.file.Path;

/**
 * Regenerates the committed seed corpus: {@code SeedCorpusBuilder [test-resources-dir]} (default
 * {@code coco4j-fuzz/src/test/resources}). Every seed is made here or by the project's test
 * platforms; keys that sign seeds are fixed or committed so the targets can check them.
 */
public final class SeedCorpusBuilder {

    private SeedCorpusBuilder() {
    }

    public static SeedCorpus build() throws Exception {
        SeedCorpus seeds = new SeedCorpus();
        EvidenceSeeds.addTo(seeds);
        JoseSeeds.addTo(seeds);
        TextSeeds.addTo(seeds);
        return seeds;
    }

    public static void main(String[] args) throws Exception {
        Path resources = Path.of(args.length > 0 ? args[0] : "coco4j-fuzz/src/test/resources");
        int written = build().writeTo(resources);
        System.out.println("wrote " + written + " seeds under " + resources.toAbsolutePath());
    }
}
