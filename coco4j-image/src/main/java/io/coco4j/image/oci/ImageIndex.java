package io.coco4j.image.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An image index ({@code index.json} of a layout, or a multi-platform index blob). */
@JsonPropertyOrder({"schemaVersion", "mediaType", "manifests", "annotations"})
public record ImageIndex(
        int schemaVersion,
        String mediaType,
        List<Descriptor> manifests,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> annotations) {

    /** The annotation that names a manifest of a layout (its tag). */
    public static final String REF_NAME = "org.opencontainers.image.ref.name";

    public ImageIndex {
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public static ImageIndex empty() {
        return new ImageIndex(2, MediaTypes.OCI_INDEX, List.of(), Map.of());
    }

    void validate() throws OciFormatException {
        if (schemaVersion != 2) {
            throw new OciFormatException("unsupported index schemaVersion " + schemaVersion);
        }
        for (Descriptor manifest : manifests) {
            if (manifest == null) {
                throw new OciFormatException("the index has an empty manifest entry");
            }
        }
    }

    /** The entry tagged {@code tag}, if any. */
    public Optional<Descriptor> find(String tag) {
        return manifests.stream().filter(d -> tag.equals(d.annotation(REF_NAME))).findFirst();
    }

    /** This index with {@code entry} tagged {@code tag}, replacing any entry with that tag. */
    public ImageIndex withTagged(String tag, Descriptor entry) {
        List<Descriptor> updated = new ArrayList<>();
        for (Descriptor d : manifests) {
            if (!tag.equals(d.annotation(REF_NAME))) {
                updated.add(d);
            }
        }
        Map<String, String> annotations = new java.util.LinkedHashMap<>(entry.annotations());
        annotations.put(REF_NAME, tag);
        updated.add(entry.withAnnotations(annotations));
        return new ImageIndex(2, MediaTypes.OCI_INDEX, updated, this.annotations);
    }
}
