package io.coco4j.protocol.resource;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A KBS resource URI: {@code kbs://[host[:port]]/seg1/seg2/...[?query]} for the {@code resource}
 * plugin, {@code kbs+<plugin>://...} for another plugin. The authority is kept but never used to
 * reach the KBS: the client always talks to its configured KBS URL.
 */
public record ResourceUri(String plugin, String authority, List<String> segments, String query) {

    /** A segment of a {@code resource} plugin path: no leading dot, so no {@code .} or {@code ..}. */
    private static final Pattern RESOURCE_SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]*");
    public static final String RESOURCE_PLUGIN = "resource";

    public ResourceUri {
        Objects.requireNonNull(plugin, "plugin");
        authority = authority == null ? "" : authority;
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a resource URI needs a path");
        }
    }

    /** Parses a resource URI as the reference guest does, refusing other schemes and empty paths. */
    public static ResourceUri parse(String text) {
        int schemeEnd = text.indexOf("://");
        if (schemeEnd < 0) {
            throw new IllegalArgumentException("not a KBS resource URI (expected kbs:///repository/type/tag): " + text);
        }
        String scheme = text.substring(0, schemeEnd);
        String plugin;
        if (scheme.equals("kbs")) {
            plugin = RESOURCE_PLUGIN;
        } else if (scheme.startsWith("kbs+") && scheme.length() > 4) {
            plugin = scheme.substring(4);
        } else {
            throw new IllegalArgumentException("unsupported scheme '" + scheme + "' (expected kbs or kbs+<plugin>)");
        }
        String rest = text.substring(schemeEnd + 3);
        int fragment = rest.indexOf('#');
        if (fragment >= 0) {
            rest = rest.substring(0, fragment);
        }
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("the resource URI has no path: " + text);
        }
        // validates the authority and percent-encoding the way a URL parser would
        try {
            new URI("http", authority.isEmpty() ? null : authority, "/" + path, query, null);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("malformed resource URI: " + text, e);
        }
        return new ResourceUri(plugin, authority, Arrays.asList(path.split("/", -1)), query);
    }

    /** Convenience for {@code kbs:///repository/type/tag}. */
    public static ResourceUri of(String repository, String type, String tag) {
        return new ResourceUri(RESOURCE_PLUGIN, "", List.of(repository, type, tag), null);
    }

    public Optional<String> queryString() {
        return Optional.ofNullable(query);
    }

    /** The path below {@code /kbs/v0/}: plugin, then the segments. */
    public String apiPath() {
        return plugin + "/" + String.join("/", segments) + (query == null ? "" : "?" + query);
    }

    /** The request URL on a KBS whose base URL is given (trailing slashes ignored). */
    public URI toUrl(String kbsBaseUrl) {
        String base = kbsBaseUrl;
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/kbs/v0/" + apiPath());
    }

    /** Whether a path is a valid {@code repository/type/tag} of the resource plugin. */
    public static boolean isValidResourcePath(List<String> segments) {
        return segments.size() == 3 && segments.stream().allMatch(s -> RESOURCE_SEGMENT.matcher(s).matches());
    }

    @Override
    public String toString() {
        String scheme = RESOURCE_PLUGIN.equals(plugin) ? "kbs" : "kbs+" + plugin;
        return scheme + "://" + authority + "/" + String.join("/", segments) + (query == null ? "" : "?" + query);
    }

}
