package io.coco4j.guest.cdh;

import io.coco4j.protocol.resource.ResourceUri;

import java.util.regex.Pattern;

/** The resource URI rules the CDH applies before any request leaves the guest (guest protocol §1). */
public final class ResourceUris {

    /** host (a registered name or a bracketed IPv6 literal) and an optional port, as a URL parser accepts them. */
    private static final Pattern AUTHORITY = Pattern.compile("(?:[A-Za-z0-9._~!$&'()*+,;=-]*|\\[[0-9A-Fa-f:.]+])(?::[0-9]{0,5})?");

    private ResourceUris() {
    }

    /**
     * Parses {@code kbs:///repo/type/tag} or {@code kbs+<plugin>:///path}: the scheme must be {@code kbs}
     * or {@code kbs+<plugin>}, the path non-empty, and a {@code resource} plugin path exactly three
     * segments of {@code [A-Za-z0-9_-][A-Za-z0-9_.-]*}. The authority, if any, is ignored.
     */
    public static ResourceUri parse(String text) throws ResourceException {
        ResourceUri uri;
        try {
            uri = ResourceUri.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ResourceException("invalid resource URI: " + e.getMessage());
        }
        if (!AUTHORITY.matcher(uri.authority()).matches()) {
            throw new ResourceException("invalid resource URI '" + text + "': malformed host");
        }
        if (ResourceUri.RESOURCE_PLUGIN.equals(uri.plugin()) && !ResourceUri.isValidResourcePath(uri.segments())) {
            throw new ResourceException("invalid resource URI '" + text + "': expected kbs:///<repository>/<type>/<tag> "
                    + "(three segments of letters, digits, '_', '-', '.', not starting with '.')");
        }
        return uri;
    }
}
