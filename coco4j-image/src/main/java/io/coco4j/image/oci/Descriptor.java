package io.coco4j.image.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** An OCI content descriptor: what a blob is, its digest and size, and annotations. */
@JsonPropertyOrder({"mediaType", "digest", "size", "urls", "annotations", "platform", "artifactType"})
public record Descriptor(
        String mediaType,
        Digest digest,
        long size,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> urls,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> annotations,
        JsonNode platform,
        String artifactType) {

    public Descriptor {
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new IllegalArgumentException("negative descriptor size");
        }
        urls = urls == null ? List.of() : List.copyOf(urls);
        annotations = annotations == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }

    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest, size, null, null, null, null);
    }

    public Descriptor withMediaType(String type) {
        return new Descriptor(type, digest, size, urls, annotations, platform, artifactType);
    }

    public Descriptor withContent(Digest newDigest, long newSize) {
        return new Descriptor(mediaType, newDigest, newSize, urls, annotations, platform, artifactType);
    }

    public Descriptor withAnnotations(Map<String, String> newAnnotations) {
        return new Descriptor(mediaType, digest, size, urls, newAnnotations, platform, artifactType);
    }

    public String annotation(String key) {
        return annotations.get(key);
    }
}
