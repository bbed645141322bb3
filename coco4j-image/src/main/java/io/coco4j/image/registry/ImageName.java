package io.coco4j.image.registry;

import io.coco4j.image.oci.Digest;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An image reference as a container runtime reads it: {@code [registry[:port]/]repository[:tag][@digest]}.
 * Without a registry the image is on Docker Hub ({@code docker.io}, {@code library/} for one-part names);
 * without tag or digest it is {@code :latest}.
 */
public record ImageName(String registry, String repository, String tag, Digest digest) {

    public static final String DOCKER_HUB = "docker.io";
    private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    public static ImageName parse(String text) {
        String rest = text.strip();
        for (String scheme : new String[]{"docker://", "oci://"}) {
            if (rest.startsWith(scheme)) {
                rest = rest.substring(scheme.length());
            }
        }
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = Digest.parse(rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("invalid tag '" + tag + "' in image reference '" + text + "'");
            }
        }
        String registry = DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                if (!first.matches("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?")) {
                    throw new IllegalArgumentException("invalid registry '" + first + "' in image reference '" + text + "'");
                }
                registry = first;
                rest = rest.substring(slash + 1);
            }
        }
        if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        if (!REPOSITORY.matcher(rest).matches()) {
            throw new IllegalArgumentException("invalid repository '" + rest + "' in image reference '" + text + "'");
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new ImageName(registry.toLowerCase(Locale.ROOT), rest, tag, digest);
    }

    /** The same registry, tag and digest for another repository. */
    public ImageName withRepository(String other) {
        return new ImageName(registry, other, tag, digest);
    }

    /** What to ask the registry for: the digest if pinned, else the tag. */
    public String reference() {
        return digest != null ? digest.toString() : tag;
    }

    /** The host the distribution API is served from (Docker Hub's API host for docker.io). */
    public String apiHost() {
        return registry.equals(DOCKER_HUB) ? "registry-1.docker.io" : registry;
    }

    @Override
    public String toString() {
        return registry + "/" + repository + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
