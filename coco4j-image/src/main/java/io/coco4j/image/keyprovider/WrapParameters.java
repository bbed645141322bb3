package io.coco4j.image.keyprovider;

import io.coco4j.image.keywrap.WrapType;
import io.coco4j.protocol.resource.ResourceUri;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The encrypt-side parameter of {@code provider:attestation-agent:<value>}, in coco_keyprovider's
 * {@code k=v::k=v} form: {@code keyid} (the KEK's resource URI), {@code keypath} (a file holding the
 * 32-byte KEK) and optionally {@code algorithm=A256GCM}.
 */
record WrapParameters(ResourceUri keyId, Path keyPath) {

    static WrapParameters parse(String text) throws KeyProviderException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : text.strip().split("::")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new KeyProviderException("malformed wrap parameter '" + pair + "' (expected key=value, joined by ::)");
            }
            values.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        for (String key : values.keySet()) {
            if (!key.equals("keyid") && !key.equals("keypath") && !key.equals("algorithm")) {
                throw new KeyProviderException("unsupported wrap parameter '" + key + "' (keyid, keypath, algorithm)");
            }
        }
        String algorithm = values.getOrDefault("algorithm", WrapType.A256GCM.name());
        if (!WrapType.A256GCM.name().equals(algorithm)) {
            throw new KeyProviderException("unsupported wrap algorithm '" + algorithm + "': keys are wrapped with A256GCM only");
        }
        String keyId = values.get("keyid");
        String keyPath = values.get("keypath");
        if (keyId == null || keyPath == null) {
            throw new KeyProviderException("the wrap parameters need keyid=kbs:///<repo>/<type>/<tag> and keypath=<KEK file>");
        }
        ResourceUri uri;
        try {
            uri = ResourceUri.parse(keyId);
        } catch (IllegalArgumentException e) {
            throw new KeyProviderException("keyid is not a KBS resource URI: " + e.getMessage());
        }
        return new WrapParameters(uri, Path.of(keyPath));
    }

    static WrapParameters parse(byte[] bytes) throws KeyProviderException {
        return parse(new String(bytes, StandardCharsets.UTF_8));
    }

    byte[] readKek() throws KeyProviderException {
        try {
            byte[] kek = Files.readAllBytes(keyPath);
            if (kek.length != WrapType.KEK_BYTES) {
                int length = kek.length;
                java.util.Arrays.fill(kek, (byte) 0);
                throw new KeyProviderException("the KEK file " + keyPath + " holds " + length + " bytes, not " + WrapType.KEK_BYTES);
            }
            return kek;
        } catch (IOException e) {
            throw new KeyProviderException("cannot read the KEK file " + keyPath + ": " + e.getClass().getSimpleName());
        }
    }
}
