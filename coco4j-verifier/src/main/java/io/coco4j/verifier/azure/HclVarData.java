package io.coco4j.verifier.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import io.coco4j.protocol.json.Json;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The HCL variable data: JSON with the vTPM keys as JWKs ({@code HCLAkPub}, {@code HCLEkPub}),
 * {@code vm-configuration} and {@code user-data} (hex).
 */
public final class HclVarData {

    public static final String AK_KID = "HCLAkPub";
    public static final String EK_KID = "HCLEkPub";

    private final JsonNode json;

    private HclVarData(JsonNode json) {
        this.json = json;
    }

    public static HclVarData parse(byte[] varData) throws HclFormatException {
        JsonNode json;
        try {
            json = Json.readTree(varData);
        } catch (IOException e) {
            throw new HclFormatException("HCL variable data is not JSON");
        }
        if (json == null || !json.isObject()) {
            throw new HclFormatException("HCL variable data is not a JSON object");
        }
        return new HclVarData(json);
    }

    /** The vTPM attestation key. */
    public RSAPublicKey attestationKey() throws HclFormatException {
        return rsaKey(AK_KID);
    }

    /** The vTPM endorsement key. */
    public RSAPublicKey endorsementKey() throws HclFormatException {
        return rsaKey(EK_KID);
    }

    private RSAPublicKey rsaKey(String kid) throws HclFormatException {
        JsonNode keys = json.get("keys");
        if (keys == null || !keys.isArray()) {
            throw new HclFormatException("HCL variable data has no keys");
        }
        for (JsonNode key : keys) {
            JsonNode id = key.get("kid");
            if (id != null && kid.equals(id.asText())) {
                try {
                    JWK jwk = JWK.parse(Json.write(key));
                    if (!(jwk instanceof RSAKey rsa)) {
                        throw new HclFormatException(kid + " is not an RSA key");
                    }
                    return rsa.toRSAPublicKey();
                } catch (java.text.ParseException | JOSEException | IllegalArgumentException e) {
                    throw new HclFormatException("failed to get " + kid + ": not a valid RSA JWK");
                }
            }
        }
        throw new HclFormatException("HCL variable data has no " + kid);
    }

    /** {@code user-data} decoded from hex, when present. */
    public Optional<byte[]> userData() throws HclFormatException {
        JsonNode userData = json.get("user-data");
        if (userData == null || userData.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(HexFormat.of().parseHex(userData.asText()));
        } catch (IllegalArgumentException e) {
            throw new HclFormatException("HCL variable data user-data is not hex");
        }
    }

    /** Evidence v2 binds the runtime data twice: {@code user-data} must start with the expected report data. */
    public void checkUserData(byte[] expectedReportData) throws UserDataMismatchException, HclFormatException {
        byte[] userData = userData().orElseThrow(() -> new UserDataMismatchException("HCL variable data has no user-data"));
        if (userData.length < expectedReportData.length
                || !MessageDigest.isEqual(java.util.Arrays.copyOf(userData, expectedReportData.length), expectedReportData)) {
            throw new UserDataMismatchException("user-data in HCL variable data does not match report_data");
        }
    }

    /** {@code vm-configuration}, when present. */
    public Optional<JsonNode> vmConfiguration() {
        return Optional.ofNullable(json.get("vm-configuration")).map(JsonNode::deepCopy);
    }
}
