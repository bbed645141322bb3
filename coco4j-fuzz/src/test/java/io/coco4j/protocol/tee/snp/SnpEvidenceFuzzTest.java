package io.coco4j.protocol.tee.snp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.fuzz.VectorSeeds;
import io.coco4j.protocol.json.Json;

import java.io.IOException;

/** SNP evidence JSON (report fields and certificate table) as a guest sends it to the KBS. */
@VectorSeeds({"snp/trustee/*.json"})
public class SnpEvidenceFuzzTest {

    @FuzzTest
    public void fuzz(byte[] input) {
        JsonNode json;
        try {
            json = Json.readTree(input);
        } catch (IOException notJson) {
            return;
        }
        try {
            SnpEvidence evidence = SnpEvidence.parse(json);
            evidence.toJson();
        } catch (SnpFormatException expected) {
            // refused as documented
        }
    }
}
