package io.coco4j.image.oci;

import java.nio.file.Path;

/**
 * An image in a local layout as the command line names it: {@code DIR[:TAG]} (skopeo's {@code oci:}
 * transport syntax without the prefix, which is accepted too).
 */
public record ImageReference(Path layout, String tag) {

    public static ImageReference parse(String text) {
        String value = text.startsWith("oci:") ? text.substring(4) : text;
        int colon = value.lastIndexOf(':');
        int slash = value.lastIndexOf('/');
        if (colon > slash && colon > 0) {
            String tag = value.substring(colon + 1);
            if (tag.isEmpty()) {
                throw new IllegalArgumentException("empty tag in '" + text + "'");
            }
            return new ImageReference(Path.of(value.substring(0, colon)), tag);
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException("no layout directory in '" + text + "'");
        }
        return new ImageReference(Path.of(value), null);
    }

    @Override
    public String toString() {
        return tag == null ? layout.toString() : layout + ":" + tag;
    }
}
