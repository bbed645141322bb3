package io.coco4j.rego.parse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coco4j.fuzz.VectorSeeds;
import io.coco4j.rego.RegoException;

import java.nio.charset.StandardCharsets;

/** Rego source through the lexer and parser: as a v1 and a v0 module, as a query and as a term. */
@VectorSeeds({"rego-kata/*/policy.rego"})
public class RegoParserFuzzTest {

    @FuzzTest
    public void fuzz(byte[] input) {
        String source = new String(input, StandardCharsets.UTF_8);
        try {
            Parser.parseModule("fuzz.rego", source, ParseOptions.V1);
        } catch (RegoException expected) {
            // refused as documented
        }
        try {
            Parser.parseModule("fuzz.rego", source, ParseOptions.V0);
        } catch (RegoException expected) {
            // refused as documented
        }
        try {
            Parser.parseQuery("query", source, ParseOptions.V1);
        } catch (RegoException expected) {
            // refused as documented
        }
        try {
            Parser.parseTerm("term", source, ParseOptions.V1);
        } catch (RegoException expected) {
            // refused as documented
        }
    }
}
