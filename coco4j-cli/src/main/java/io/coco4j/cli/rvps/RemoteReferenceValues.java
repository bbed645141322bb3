package io.coco4j.cli.rvps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.coco4j.cli.admin.AdminClient;
import io.coco4j.protocol.json.Json;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The RVPS REST API of a KBS ({@code /rvps/v0/reference-values}), with the admin credential. */
final class RemoteReferenceValues implements ReferenceValues {

    private static final String COLLECTION = "/rvps/v0/reference-values";

    private final AdminClient client;

    RemoteReferenceValues(AdminClient client) {
        this.client = client;
    }

    private static String byName(String name) {
        return COLLECTION + "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    @Override
    public JsonNode register(String message) throws Exception {
        return Json.readTree(client.request("POST", COLLECTION, message.getBytes(StandardCharsets.UTF_8), "application/json"));
    }

    @Override
    public Optional<JsonNode> get(String name) throws Exception {
        try {
            return Optional.of(Json.readTree(client.request("GET", byName(name), null, null)));
        } catch (AdminClient.AdminRequestException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public ArrayNode list() throws Exception {
        JsonNode list = Json.readTree(client.request("GET", COLLECTION, null, null));
        if (!list.isArray()) {
            throw new IOException("the KBS answered a listing that is not a JSON array");
        }
        return (ArrayNode) list;
    }

    @Override
    public boolean delete(String name) throws Exception {
        try {
            client.request("DELETE", byName(name), null, null);
            return true;
        } catch (AdminClient.AdminRequestException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }
}
