package io.coco4j.kbs.admin;

import io.coco4j.kbs.config.AdminConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code [admin.authorization.regex_acl]}: a request is allowed when some rule for the token's role
 * matches the request path plus {@code ?query} as received. Every expression must start with
 * {@code ^/kbs} and end with {@code $}, so that no rule can match more than intended by accident.
 */
public final class RegexAclAuthorizer {

    private record Rule(String role, Pattern pattern) {
    }

    private final List<Rule> rules;

    private RegexAclAuthorizer(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static RegexAclAuthorizer create(AdminConfig.RegexAcl config) throws AdminAuthInitializationException {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < config.acls().size(); i++) {
            AdminConfig.AclRule acl = config.acls().get(i);
            String where = "admin.authorization.regex_acl.acls[" + i + "].allowed_endpoints";
            String regex = acl.allowedEndpoints();
            if (!regex.startsWith("^/kbs") || !regex.endsWith("$")) {
                throw new AdminAuthInitializationException(where + ": the expression '" + regex
                        + "' must start with ^/kbs and end with $");
            }
            try {
                rules.add(new Rule(acl.role(), Pattern.compile(regex)));
            } catch (PatternSyntaxException e) {
                throw new AdminAuthInitializationException(where + ": not a valid regular expression: "
                        + e.getDescription(), e);
            }
        }
        return new RegexAclAuthorizer(rules);
    }

    public void authorize(AdminIdentity identity, String method, String pathAndQuery) throws AdminAuthException {
        for (Rule rule : rules) {
            if (rule.role().equals(identity.role()) && rule.pattern().matcher(pathAndQuery).find()) {
                return;
            }
        }
        throw new AdminAuthException(AdminAuthFailure.ROLE_NOT_ALLOWED,
                "role '" + identity.role() + "' is not allowed to call " + method + " " + pathAndQuery);
    }
}
