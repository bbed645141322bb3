package io.coco4j.bench.load;

import java.util.OptionalDouble;

/**
 * CPU spent during the measurement, in seconds: the generator's own threads (guests and their HTTP
 * client), this whole JVM, and the server's when it can be measured, with how it was measured.
 */
public record CpuUsage(double generatorSeconds, double thisProcessSeconds, OptionalDouble serverSeconds, String serverSource) {

    /** Server CPU per handshake in milliseconds, when the server's CPU is known. */
    public OptionalDouble serverMsPerHandshake(long handshakes) {
        return handshakes == 0 || serverSeconds.isEmpty() ? OptionalDouble.empty()
                : OptionalDouble.of(serverSeconds.getAsDouble() * 1000 / handshakes);
    }

    public OptionalDouble generatorMsPerHandshake(long handshakes) {
        return handshakes == 0 ? OptionalDouble.empty() : OptionalDouble.of(generatorSeconds * 1000 / handshakes);
    }
}
