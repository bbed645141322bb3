package io.coco4j.rvps.intoto;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** The signed content of an in-toto link: what one step (or inspection) consumed and produced. */
public record Link(String name, Artifacts materials, Artifacts products, List<String> command) {

    public Link {
        command = List.copyOf(command);
    }

    static Link parse(JsonNode signed, String where) throws InTotoFormatException {
        if (!"link".equals(signed.path("_type").asText())) {
            throw new InTotoFormatException(where + " is not a link (_type '" + signed.path("_type").asText() + "')");
        }
        JsonNode name = signed.get("name");
        if (name == null || !name.isTextual()) {
            throw new InTotoFormatException(where + " has no name");
        }
        return new Link(name.textValue(), Artifacts.parse(signed.get("materials"), where + " materials"),
                Artifacts.parse(signed.get("products"), where + " products"), strings(signed.get("command"), where + " command"));
    }

    static List<String> strings(JsonNode node, String where) throws InTotoFormatException {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw new InTotoFormatException(where + " is not a list of strings");
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new InTotoFormatException(where + " is not a list of strings");
            }
            out.add(item.textValue());
        }
        return out;
    }
}
