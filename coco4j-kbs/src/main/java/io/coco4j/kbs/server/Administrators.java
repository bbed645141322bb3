package io.coco4j.kbs.server;

import io.coco4j.as.rest.PolicyAdministration;
import io.coco4j.kbs.admin.AdminAuthException;
import io.coco4j.kbs.admin.AdminAuthInitializationException;
import io.coco4j.kbs.admin.AdminAuthorizer;
import io.coco4j.kbs.api.AdminGate;
import io.coco4j.kbs.api.KbsApiException;
import io.coco4j.kbs.config.AdminConfig;
import io.coco4j.protocol.error.KbsErrorType;

/**
 * The {@code [admin]} settings as the services check them: the KBS's admin API and the RVPS REST
 * API through an {@link AdminGate}, the AS REST API's policy uploads as the KBS's equivalent
 * {@code POST /kbs/v0/attestation-policy}, so that one admin token and one ACL serve every service.
 */
final class Administrators {

    /** The KBS endpoint whose ACL governs AS policy uploads. */
    static final String ATTESTATION_POLICY_ENDPOINT = "/kbs/v0/attestation-policy";

    private Administrators() {
    }

    static AdminGate gate(AdminConfig config) throws StartupException {
        AdminAuthorizer authorizer = authorizer(config);
        return request -> {
            try {
                authorizer.authorize(request.method(), request.pathAndQuery(), request.authorization());
            } catch (AdminAuthException e) {
                throw new KbsApiException(KbsErrorType.ADMIN_AUTH_ACCESS, e.getMessage(), e);
            }
        };
    }

    static PolicyAdministration policyAdministration(AdminConfig config) throws StartupException {
        AdminAuthorizer authorizer = authorizer(config);
        return (method, path, authorization) -> {
            try {
                authorizer.authorize(method, ATTESTATION_POLICY_ENDPOINT, authorization);
            } catch (AdminAuthException e) {
                throw new PolicyAdministration.AdministrationRefusedException(e.getMessage(), e);
            }
        };
    }

    private static AdminAuthorizer authorizer(AdminConfig config) throws StartupException {
        try {
            return AdminAuthorizer.create(config);
        } catch (AdminAuthInitializationException e) {
            throw new StartupException("admin authentication: " + e.getMessage(), e);
        }
    }
}
