package io.coco4j.cli.rvps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.server.DataDirectory;
import io.coco4j.rvps.BuiltinReferenceValueProvider;
import io.coco4j.rvps.ReferenceValue;
import io.coco4j.rvps.Registration;
import io.coco4j.rvps.extractor.SampleExtractor;
import io.coco4j.rvps.intoto.InTotoExtractor;
import io.coco4j.rvps.intoto.LayoutTrust;
import io.coco4j.rvps.store.JdbcReferenceValueStore;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The reference-value store of a local data directory ({@code <data-dir>/rvps.sqlite}, the embedded
 * KBS's default), used directly. The operator at the machine decides what to trust: the layout keys
 * given on the command line, and the unverified sample type.
 */
final class LocalReferenceValues implements ReferenceValues {

    private final BuiltinReferenceValueProvider rvps;

    LocalReferenceValues(Path dataDirectory, Optional<LayoutTrust> layoutTrust) throws Exception {
        Path database = new DataDirectory(dataDirectory).rvpsDatabase();
        this.rvps = BuiltinReferenceValueProvider.builder(JdbcReferenceValueStore.sqlite(database))
                .extractor(new SampleExtractor())
                .extractor(new InTotoExtractor(layoutTrust, Clock.systemUTC()))
                .build();
    }

    @Override
    public JsonNode register(String message) throws Exception {
        Registration registration = rvps.submit(message);
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("provider", registration.provider());
        ArrayNode names = answer.putArray("registered");
        registration.names().forEach(names::add);
        answer.put("expiration", ReferenceValue.format(registration.expiration()));
        ArrayNode warnings = answer.putArray("warnings");
        registration.warnings().forEach(warnings::add);
        return answer;
    }

    @Override
    public Optional<JsonNode> get(String name) throws Exception {
        Instant now = rvps.now();
        return rvps.get(name).map(v -> v.toListingJson(now));
    }

    @Override
    public ArrayNode list() throws Exception {
        Instant now = rvps.now();
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        rvps.list().forEach(v -> out.add(v.toListingJson(now)));
        return out;
    }

    @Override
    public boolean delete(String name) throws Exception {
        return rvps.delete(name);
    }

    @Override
    public void close() {
        rvps.close();
    }
}
