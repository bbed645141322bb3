package io.coco4j.rego.ast;

import java.util.Set;

/** Lexical facts about Rego names. */
public final class Names {
    public static final Set<String> KEYWORDS = Set.of("as", "default", "else", "false", "import", "package", "not",
            "null", "true", "with", "some", "in", "every", "if", "contains");

    private Names() {
    }

    public static boolean isIdentifier(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char c0 = s.charAt(0);
        if (!(Character.isLetter(c0) || c0 == '_')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return false;
            }
        }
        return !KEYWORDS.contains(s);
    }
}
