package io.coco4j.kbs.server;

import io.coco4j.protocol.testing.TestPostgres;

import java.nio.file.Path;

/** Tables of a KBS configuration file that tests running a KBS in a process of its own put together. */
public final class ConfigFragments {

    private ConfigFragments() {
    }

    /** Plain HTTP on a free loopback port; administrators hold the private key of {@code adminPublicKey}. */
    public static String loopbackAdmin(Path adminPublicKey) {
        return """
                [http_server]
                sockets = ["127.0.0.1:0"]
                insecure_http = true

                [admin]
                authorization_mode = "AuthenticatedAuthorization"
                [admin.authentication.bearer_jwt]
                identity_providers = [ { public_key_uri = "%s" } ]
                [admin.authorization.regex_acl]
                acls = [ { role = "%s", allowed_endpoints = "^/kbs/v0/.*$" } ]
                """.formatted(adminPublicKey, EmbeddedDefaults.ADMIN_ROLE);
    }

    /** {@link #loopbackAdmin(Path)} and the resource plugin. */
    public static String loopbackWithAdmin(Path adminPublicKey) {
        return loopbackAdmin(adminPublicKey) + """

                [[plugins]]
                name = "resource"

                """;
    }

    /** Storage and reference values in {@code database}. */
    public static String postgres(TestPostgres.Database database) {
        return """
                [attestation_service.rvps_config]
                store = "postgres"
                [attestation_service.rvps_config.postgres]
                url = "%1$s"
                username = "%2$s"
                password = "%3$s"

                [storage_backend]
                storage_type = "Postgres"
                [storage_backend.backends.postgres]
                url = "%1$s"
                username = "%2$s"
                password = "%3$s"

                """.formatted(database.jdbcUrl(), database.user(), database.password());
    }
}
