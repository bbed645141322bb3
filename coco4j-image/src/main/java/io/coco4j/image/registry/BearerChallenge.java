package io.coco4j.image.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A {@code WWW-Authenticate: Bearer realm="…",service="…",scope="…"} challenge of the token auth flow. */
record BearerChallenge(String realm, String service, String scope) {

    static Optional<BearerChallenge> parse(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        String rest = header.substring(7);
        int i = 0;
        while (i < rest.length()) {
            while (i < rest.length() && (rest.charAt(i) == ' ' || rest.charAt(i) == ',')) {
                i++;
            }
            int eq = rest.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = rest.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            String value;
            if (i < rest.length() && rest.charAt(i) == '"') {
                StringBuilder quoted = new StringBuilder();
                i++;
                while (i < rest.length() && rest.charAt(i) != '"') {
                    if (rest.charAt(i) == '\\' && i + 1 < rest.length()) {
                        i++;
                    }
                    quoted.append(rest.charAt(i++));
                }
                i++;
                value = quoted.toString();
            } else {
                int end = rest.indexOf(',', i);
                value = (end < 0 ? rest.substring(i) : rest.substring(i, end)).strip();
                i = end < 0 ? rest.length() : end;
            }
            params.put(key, value);
        }
        String realm = params.get("realm");
        if (realm == null || realm.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BearerChallenge(realm, params.get("service"), params.get("scope")));
    }
}
