package io.coco4j.rvps.intoto;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The signed content of an in-toto v0.9 layout: steps, inspections, functionary keys and expiry. */
public record Layout(List<Step> steps, List<Inspection> inspections, Map<String, JsonNode> keys, Instant expires) {

    /** A step some functionaries perform, with the rules its links must satisfy. */
    public record Step(String name, List<String> pubKeys, int threshold, List<String> expectedCommand,
                       List<ArtifactRule> expectedMaterials, List<ArtifactRule> expectedProducts) {
    }

    /** An inspection: a command the reference verifier would run, and the rules its outcome must satisfy. */
    public record Inspection(String name, List<String> run, List<ArtifactRule> expectedMaterials, List<ArtifactRule> expectedProducts) {
    }

    public Layout {
        steps = List.copyOf(steps);
        inspections = List.copyOf(inspections);
        keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    static Layout parse(JsonNode signed, String where) throws InTotoFormatException {
        if (!"layout".equals(signed.path("_type").asText())) {
            throw new InTotoFormatException(where + " is not a layout (_type '" + signed.path("_type").asText() + "')");
        }
        JsonNode expiresNode = signed.get("expires");
        if (expiresNode == null || !expiresNode.isTextual()) {
            throw new InTotoFormatException(where + " has no expires date");
        }
        Instant expires;
        try {
            expires = Instant.parse(expiresNode.textValue());
        } catch (DateTimeParseException e) {
            throw new InTotoFormatException(where + " expires '" + expiresNode.textValue() + "' is not an ISO 8601 UTC time");
        }
        Map<String, JsonNode> keys = new LinkedHashMap<>();
        JsonNode keysNode = signed.get("keys");
        if (keysNode != null && !keysNode.isNull()) {
            if (!keysNode.isObject()) {
                throw new InTotoFormatException(where + " keys is not an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = keysNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> key = it.next();
                keys.put(key.getKey(), key.getValue());
            }
        }
        List<Step> steps = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode step : list(signed.get("steps"), where + " steps")) {
            String name = name(step, where + " step");
            String label = where + " step '" + name + "'";
            if (!names.add(name)) {
                throw new InTotoFormatException(label + " is defined twice");
            }
            List<String> pubKeys = Link.strings(step.get("pubkeys"), label + " pubkeys");
            JsonNode threshold = step.get("threshold");
            int t = threshold == null ? 1 : threshold.isIntegralNumber() ? threshold.intValue() : -1;
            if (t < 1) {
                throw new InTotoFormatException(label + " threshold must be a positive integer");
            }
            steps.add(new Step(name, pubKeys, t, Link.strings(step.get("expected_command"), label + " expected_command"),
                    rules(step.get("expected_materials"), label + " expected_materials"),
                    rules(step.get("expected_products"), label + " expected_products")));
        }
        List<Inspection> inspections = new ArrayList<>();
        for (JsonNode inspection : list(signed.get("inspect"), where + " inspect")) {
            String name = name(inspection, where + " inspection");
            String label = where + " inspection '" + name + "'";
            if (!names.add(name)) {
                throw new InTotoFormatException(label + " has the name of another step or inspection");
            }
            inspections.add(new Inspection(name, Link.strings(inspection.get("run"), label + " run"),
                    rules(inspection.get("expected_materials"), label + " expected_materials"),
                    rules(inspection.get("expected_products"), label + " expected_products")));
        }
        return new Layout(steps, inspections, keys, expires);
    }

    private static String name(JsonNode node, String where) throws InTotoFormatException {
        JsonNode name = node.get("name");
        if (!node.isObject() || name == null || !name.isTextual() || name.textValue().isEmpty()) {
            throw new InTotoFormatException(where + " has no name");
        }
        return name.textValue();
    }

    private static JsonNode list(JsonNode node, String where) throws InTotoFormatException {
        if (node == null || node.isNull()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (!node.isArray()) {
            throw new InTotoFormatException(where + " is not a list");
        }
        return node;
    }

    private static List<ArtifactRule> rules(JsonNode node, String where) throws InTotoFormatException {
        List<ArtifactRule> rules = new ArrayList<>();
        for (JsonNode rule : list(node, where)) {
            rules.add(ArtifactRule.parse(rule, where));
        }
        return rules;
    }
}
