package io.coco4j.kbs.http;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTemplatesTest {

    private final RouteTemplates routes = new RouteTemplates(Set.of("resource", "sample"));

    @Test
    void pathsBecomeTheirRouteWithoutNamesOrIds() {
        assertThat(routes.of("/kbs/v0/auth")).isEqualTo("/kbs/v0/auth");
        assertThat(routes.of("/kbs/v0/attest")).isEqualTo("/kbs/v0/attest");
        assertThat(routes.of("/kbs/v0/resource/default/db-password/1")).isEqualTo("/kbs/v0/resource/{path}");
        assertThat(routes.of("/kbs/v0/reference-value/some/id")).isEqualTo("/kbs/v0/reference-value/{path}");
        assertThat(routes.of("/kbs/v0/resource-policy")).isEqualTo("/kbs/v0/resource-policy");
        assertThat(routes.of("/kbs/v0/sample")).isEqualTo("/kbs/v0/sample");
        assertThat(routes.of("/rvps/v0/reference-values/svn")).isEqualTo("/rvps/v0/reference-values/{name}");
        assertThat(routes.of("/rvps/v0/reference-values")).isEqualTo("/rvps/v0/reference-values");
        assertThat(routes.of("/healthz")).isEqualTo("/healthz");
        assertThat(routes.of("/.well-known/jwks.json")).isEqualTo("/.well-known/jwks.json");
    }

    @Test
    void unknownNamesCollapseIntoOneRoute() {
        assertThat(routes.of("/kbs/v0/nebula-ca/x")).isEqualTo("/kbs/v0/{unknown}");
        assertThat(routes.of("/kbs/v0/res%6Furce/x")).isEqualTo("/kbs/v0/{unknown}");
        assertThat(routes.of("/rvps/v0/other")).isEqualTo("/rvps/v0/{unknown}");
        assertThat(routes.of("/admin/secret-name")).isEqualTo("{unknown}");
        assertThat(routes.of("/metricsx")).isEqualTo("{unknown}");
    }
}
