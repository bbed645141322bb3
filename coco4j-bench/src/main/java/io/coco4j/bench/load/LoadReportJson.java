package io.coco4j.bench.load;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/** A {@link LoadReport} as JSON with stable member names (latencies in milliseconds, CPU in seconds, heap in bytes). */
public final class LoadReportJson {

    private LoadReportJson() {
    }

    public static ObjectNode of(LoadReport report) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("tee", report.tee());
        out.put("target", report.target());
        out.put("clients", report.clients());
        put(out, "rate", report.rate());
        out.put("warmupSeconds", report.warmupSeconds());
        out.put("measuredSeconds", report.measuredSeconds());
        out.put("handshakes", report.handshakes());
        out.put("handshakesPerSecond", report.handshakesPerSecond());
        ObjectNode latency = out.putObject("latencyMs");
        report.latency().forEach((step, summary) -> {
            ObjectNode node = latency.putObject(step.label());
            node.put("count", summary.count());
            node.put("p50", summary.p50Ms());
            node.put("p90", summary.p90Ms());
            node.put("p99", summary.p99Ms());
            node.put("max", summary.maxMs());
            node.put("mean", summary.meanMs());
        });
        ObjectNode errors = out.putObject("errors");
        errors.put("total", report.errorCount());
        errors.put("warmup", report.warmupErrors());
        ObjectNode byType = errors.putObject("byType");
        report.errors().forEach(byType::put);
        ObjectNode cpu = out.putObject("cpu");
        cpu.put("generatorSeconds", report.cpu().generatorSeconds());
        cpu.put("thisProcessSeconds", report.cpu().thisProcessSeconds());
        put(cpu, "serverSeconds", report.cpu().serverSeconds());
        cpu.put("serverSource", report.cpu().serverSource());
        put(cpu, "serverMsPerHandshake", report.cpu().serverMsPerHandshake(report.handshakes()));
        put(cpu, "generatorMsPerHandshake", report.cpu().generatorMsPerHandshake(report.handshakes()));
        ArrayNode samples = out.putArray("serverSamples");
        for (ServerSample sample : report.serverSamples()) {
            ObjectNode node = samples.addObject();
            node.put("atSeconds", sample.atSeconds());
            put(node, "heapAfterGcBytes", sample.heapAfterGcBytes());
            put(node, "openFileDescriptors", sample.openFileDescriptors());
        }
        out.put("meanTokenChars", report.meanTokenChars());
        return out;
    }

    private static void put(ObjectNode node, String name, OptionalDouble value) {
        if (value.isPresent()) {
            node.put(name, value.getAsDouble());
        } else {
            node.putNull(name);
        }
    }

    private static void put(ObjectNode node, String name, OptionalLong value) {
        if (value.isPresent()) {
            node.put(name, value.getAsLong());
        } else {
            node.putNull(name);
        }
    }
}
