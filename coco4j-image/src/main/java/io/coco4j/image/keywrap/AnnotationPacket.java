package io.coco4j.image.keywrap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.json.Json;

import java.io.IOException;

/**
 * CoCo's AnnotationPacket, the value behind {@code …keys.provider.attestation-agent}: the resource
 * URI of the key-encryption key ({@code kid}), the wrapped private options and how they were wrapped.
 * Written in the v1 form coco_keyprovider emits ({@code kid, wrapped_data, iv, wrap_type}); read in
 * the v2 superset the CDH accepts.
 */
@JsonPropertyOrder({"kid", "wrapped_data", "iv", "wrap_type", "version", "provider", "provider_settings", "annotations"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnnotationPacket(
        @JsonProperty("kid") String kid,
        @JsonProperty("wrapped_data") String wrappedData,
        @JsonProperty("iv") String iv,
        @JsonProperty("wrap_type") String wrapType,
        @JsonProperty("version") String version,
        @JsonProperty("provider") String provider,
        @JsonProperty("provider_settings") JsonNode providerSettings,
        @JsonProperty("annotations") JsonNode annotations) {

    public static final String VERSION = "0.1.0";
    public static final String KBS_PROVIDER = "kbs";

    /** The v1 packet coco_keyprovider writes. */
    public static AnnotationPacket v1(String kid, String wrappedData, String iv, String wrapType) {
        return new AnnotationPacket(kid, wrappedData, iv, wrapType, null, null, null, null);
    }

    public static AnnotationPacket parse(byte[] json) throws KeyUnwrapException {
        AnnotationPacket packet;
        try {
            packet = Json.read(json, AnnotationPacket.class);
        } catch (IOException e) {
            throw new KeyUnwrapException("the attestation-agent annotation is not an AnnotationPacket (JSON expected)");
        }
        if (packet == null || packet.kid() == null || packet.wrappedData() == null) {
            throw new KeyUnwrapException("the AnnotationPacket lacks kid or wrapped_data");
        }
        return packet;
    }

    /** The provider, {@code kbs} when absent. */
    public String effectiveProvider() {
        return provider == null ? KBS_PROVIDER : provider;
    }

    public byte[] toJson() {
        return Json.writeBytes(this);
    }
}
