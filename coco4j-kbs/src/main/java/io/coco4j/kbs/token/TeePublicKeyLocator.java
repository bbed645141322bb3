package io.coco4j.kbs.token;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the TEE public key in verified token claims. The configured {@code extra_teekey_paths} are tried
 * first, then the places the known token formats use: Intel Trust Authority (TDX and vTPM), the legacy
 * CoCo "simple" token, the EAR token of the CoCo AS, and the top level. The first pointer that leads
 * somewhere wins.
 */
public final class TeePublicKeyLocator {

    /** The built-in JSON pointers, in the order they are tried. */
    public static final List<String> BUILT_IN_PATHS = List.of(
            "/tdx/attester_runtime_data/tee-pubkey",
            "/tdx/attester_user_data/tee-pubkey",
            "/customized_claims/runtime_data/tee-pubkey",
            "/submods/cpu0/ear.veraison.annotated-evidence/runtime_data_claims/tee-pubkey",
            "/tee-pubkey");

    private final List<String> paths;
    private final List<JsonPointer> pointers;

    /** @param extraPaths JSON pointers from {@code extra_teekey_paths}; each must start with {@code /} */
    public TeePublicKeyLocator(List<String> extraPaths) {
        List<String> all = new ArrayList<>(extraPaths);
        all.addAll(BUILT_IN_PATHS);
        List<JsonPointer> compiled = new ArrayList<>();
        for (String path : all) {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("not a JSON pointer: " + path);
            }
            compiled.add(JsonPointer.compile(path));
        }
        this.paths = List.copyOf(all);
        this.pointers = List.copyOf(compiled);
    }

    /** The pointers tried, in order. */
    public List<String> paths() {
        return paths;
    }

    /** The {@code tee-pubkey} JSON object of the claims. */
    public JsonNode locate(JsonNode claims) throws TokenVerificationException {
        for (int i = 0; i < pointers.size(); i++) {
            JsonNode found = claims.at(pointers.get(i));
            if (!found.isMissingNode()) {
                if (!found.isObject()) {
                    throw new TokenVerificationException("the token's TEE public key at " + paths.get(i)
                            + " is not a JSON object");
                }
                return found.deepCopy();
            }
        }
        throw new TokenVerificationException("the token carries no TEE public key (looked at " + paths + ")");
    }
}
