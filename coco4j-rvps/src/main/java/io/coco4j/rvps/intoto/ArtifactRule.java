package io.coco4j.rvps.intoto;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One artifact rule of a step or inspection, as in-toto v0.9 writes it:
 * {@code MATCH <pattern> [IN <prefix>] WITH (MATERIALS|PRODUCTS) [IN <prefix>] FROM <step>}, or
 * {@code CREATE|DELETE|MODIFY|ALLOW|DISALLOW|REQUIRE <pattern>}.
 */
public record ArtifactRule(Type type, String pattern, Optional<String> sourcePrefix, Optional<ArtifactKind> destinationKind,
                           Optional<String> destinationPrefix, Optional<String> destinationStep, String text) {

    /** The rule types. */
    public enum Type { MATCH, CREATE, DELETE, MODIFY, ALLOW, DISALLOW, REQUIRE }

    /** Which artifacts of a link a rule looks at. */
    public enum ArtifactKind {
        MATERIALS, PRODUCTS;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static ArtifactRule parse(JsonNode rule, String where) throws InTotoFormatException {
        if (rule == null || !rule.isArray() || rule.isEmpty()) {
            throw new InTotoFormatException(where + ": an artifact rule must be a non-empty list of strings");
        }
        List<String> words = new ArrayList<>();
        for (JsonNode word : rule) {
            if (!word.isTextual()) {
                throw new InTotoFormatException(where + ": an artifact rule must be a list of strings, found " + rule);
            }
            words.add(word.textValue());
        }
        String text = String.join(" ", words);
        Type type;
        try {
            type = Type.valueOf(words.get(0).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InTotoFormatException(where + ": unknown artifact rule type in '" + text + "'");
        }
        if (type != Type.MATCH) {
            if (words.size() != 2) {
                throw new InTotoFormatException(where + ": '" + text + "' must be " + type + " <pattern>");
            }
            return new ArtifactRule(type, words.get(1), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), text);
        }
        // MATCH <pattern> [IN <prefix>] WITH <kind> [IN <prefix>] FROM <step>
        int i = 1;
        String malformed = where + ": '" + text + "' must be MATCH <pattern> [IN <source-path-prefix>] WITH (MATERIALS|PRODUCTS) "
                + "[IN <destination-path-prefix>] FROM <step>";
        if (words.size() < 6) {
            throw new InTotoFormatException(malformed);
        }
        String pattern = words.get(i++);
        Optional<String> sourcePrefix = Optional.empty();
        if (keyword(words, i, "IN")) {
            sourcePrefix = Optional.of(words.get(i + 1));
            i += 2;
        }
        if (!keyword(words, i, "WITH") || i + 1 >= words.size()) {
            throw new InTotoFormatException(malformed);
        }
        ArtifactKind kind;
        try {
            kind = ArtifactKind.valueOf(words.get(i + 1).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InTotoFormatException(malformed);
        }
        i += 2;
        Optional<String> destinationPrefix = Optional.empty();
        if (keyword(words, i, "IN")) {
            destinationPrefix = Optional.of(words.get(i + 1));
            i += 2;
        }
        if (!keyword(words, i, "FROM") || i + 2 != words.size()) {
            throw new InTotoFormatException(malformed);
        }
        return new ArtifactRule(type, pattern, sourcePrefix, Optional.of(kind), destinationPrefix, Optional.of(words.get(i + 1)), text);
    }

    private static boolean keyword(List<String> words, int i, String keyword) {
        return i + 1 < words.size() && words.get(i).equalsIgnoreCase(keyword);
    }

    @Override
    public String toString() {
        return text;
    }
}
