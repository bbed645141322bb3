package io.coco4j.rego.conformance;

import java.util.List;

/**
 * Conformance cases that are not run, each with its reason. Only two reasons are accepted: the
 * case tests a regorus-only extension, or it needs a builtin that the reference's regorus build
 * lacks as well. A case matches when its file path ends with {@code file} (or lies under it,
 * for a folder ending in {@code /}) and, when {@code note} is set, its note is equal.
 */
public final class Exclusions {
    /** One excluded case or file. */
    public record Exclusion(String file, String note, String reason) {
        boolean matches(String path, String caseNote) {
            String p = path.replace('\\', '/');
            boolean fileMatch = file.endsWith("/") ? p.contains("/" + file) || p.startsWith(file) : p.endsWith("/" + file) || p.equals(file);
            return fileMatch && (note == null || note.equals(caseNote));
        }
    }

    private static final String EXTENSION = "regorus-only extension";
    private static final String MISSING = "builtin missing from the reference's regorus build too";

    /** The exclusions listed in the module README. */
    public static final List<Exclusion> DEFAULT = List.of(
            new Exclusion("regorus/target/", null, EXTENSION + " (Azure Policy targets, feature azure_policy)"),
            new Exclusion("regorus/rego-extensions/", null, EXTENSION + " (the non-standard `or` operator)"),
            new Exclusion("withkeyword/test-with-builtin-mock.yaml", "withkeyword/builtin: http.send example",
                    MISSING + " (http.send)"),
            new Exclusion("withkeyword/test-with-builtin-mock.yaml", "withkeyword/builtin-builtin: arity 0",
                    MISSING + " (opa.runtime)"),
            new Exclusion("withkeyword/test-with-builtin-mock.yaml", "withkeyword/builtin: nested, multiple mocks",
                    MISSING + " (io.jwt.decode_verify)"));

    private Exclusions() {
    }

    /** The matching exclusion's reason, or null. */
    public static String reason(List<Exclusion> exclusions, String path, String note) {
        for (Exclusion e : exclusions) {
            if (e.matches(path, note)) {
                return e.reason();
            }
        }
        return null;
    }
}
