package io.coco4j.rvps.intoto;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The link files at hand, by relative path (a link directory, with sublayout folders inside). */
public final class MetadataFiles {

    private final Map<String, byte[]> files;

    public MetadataFiles(Map<String, byte[]> files) {
        this.files = new TreeMap<>(files);
    }

    public Optional<byte[]> get(String path) {
        return Optional.ofNullable(files.get(path));
    }
}
