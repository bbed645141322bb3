package io.coco4j.image.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/** An image manifest (OCI, or Docker schema 2 which has the same shape). */
@JsonPropertyOrder({"schemaVersion", "mediaType", "artifactType", "config", "layers", "subject", "annotations"})
public record ImageManifest(
        int schemaVersion,
        String mediaType,
        String artifactType,
        Descriptor config,
        List<Descriptor> layers,
        Descriptor subject,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> annotations) {

    public ImageManifest {
        layers = layers == null ? List.of() : List.copyOf(layers);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    /** Checks what every consumer relies on; a manifest that fails is refused, not repaired. */
    void validate() throws OciFormatException {
        if (schemaVersion != 2) {
            throw new OciFormatException("unsupported manifest schemaVersion " + schemaVersion);
        }
        if (config == null) {
            throw new OciFormatException("the manifest has no config descriptor");
        }
        for (Descriptor layer : layers) {
            if (layer == null || layer.mediaType() == null) {
                throw new OciFormatException("the manifest has a layer without a media type");
            }
        }
    }

    public boolean isDocker() {
        return MediaTypes.DOCKER_MANIFEST.equals(mediaType);
    }

    /** The same manifest as an OCI manifest with other layers (Docker types become OCI types). */
    public ImageManifest asOciWith(Descriptor newConfig, List<Descriptor> newLayers) {
        return new ImageManifest(2, MediaTypes.OCI_MANIFEST, artifactType, newConfig, newLayers, subject, annotations);
    }
}
