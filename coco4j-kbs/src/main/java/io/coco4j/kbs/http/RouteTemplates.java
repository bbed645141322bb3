package io.coco4j.kbs.http;

import io.coco4j.kbs.rvps.ReferenceValueApi;
import io.coco4j.protocol.rcar.KbsProtocol;

import java.util.Set;

/**
 * Names a request path by its route, for metric labels: {@code /kbs/v0/resource/{path}}, never the
 * resource or id itself. The set of templates is bounded by the endpoints and the configured plugins.
 */
public final class RouteTemplates {

    public static final String METRICS = "/metrics";
    public static final String READINESS = "/readyz";
    public static final String HEALTH = "/healthz";
    public static final String UNKNOWN = "{unknown}";

    private static final Set<String> FIXED = Set.of(HEALTH, READINESS, METRICS, "/.well-known/jwks.json");
    private static final Set<String> BUILT_IN = Set.of("auth", "attest", "attestation-policy", "resource-policy", "reference-value");

    private final Set<String> plugins;

    /** @param plugins the names of the configured plugins (segment 0 below {@code /kbs/v0/}) */
    public RouteTemplates(Set<String> plugins) {
        this.plugins = Set.copyOf(plugins);
    }

    public String of(String path) {
        if (path.startsWith(KbsProtocol.API_PREFIX)) {
            return below(KbsProtocol.API_PREFIX, path.substring(KbsProtocol.API_PREFIX.length()), "{path}");
        }
        if (path.startsWith(ReferenceValueApi.PREFIX)) {
            return below(ReferenceValueApi.PREFIX, path.substring(ReferenceValueApi.PREFIX.length()), "{name}");
        }
        return FIXED.contains(path) ? path : UNKNOWN;
    }

    private String below(String prefix, String rest, String restName) {
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        boolean known = prefix.equals(ReferenceValueApi.PREFIX)
                ? name.equals(ReferenceValueApi.COLLECTION)
                : BUILT_IN.contains(name) || plugins.contains(name);
        if (!known) {
            return prefix + UNKNOWN;
        }
        return prefix + name + (slash < 0 ? "" : "/" + restName);
    }
}
