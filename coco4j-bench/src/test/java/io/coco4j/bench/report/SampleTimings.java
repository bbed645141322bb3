package io.coco4j.bench.report;

import java.util.EnumMap;
import java.util.Map;

/** Round figures for the report tests: every time is a known number of microseconds. */
final class SampleTimings {

    private SampleTimings() {
    }

    static Map<MicroBenchmark, Double> micros() {
        Map<MicroBenchmark, Double> m = new EnumMap<>(MicroBenchmark.class);
        m.put(MicroBenchmark.P256_SIGN, 20.0);        // 50,000/s
        m.put(MicroBenchmark.P256_VERIFY, 100.0);     // 10,000/s
        m.put(MicroBenchmark.P256_ECDH, 80.0);        // 12,500/s
        m.put(MicroBenchmark.P384_SIGN, 500.0);       // 2,000/s
        m.put(MicroBenchmark.P384_VERIFY, 1000.0);    // 1,000/s
        m.put(MicroBenchmark.P256_EPHEMERAL_ECDH, 100.0);
        m.put(MicroBenchmark.AES_KEY_WRAP, 2.0);
        m.put(MicroBenchmark.AES_GCM_SMALL, 3.0);
        m.put(MicroBenchmark.JCS_SHA384, 5.0);
        m.put(MicroBenchmark.NOOP_HTTP, 50.0);
        m.put(MicroBenchmark.EAR_SIGN, 40.0);
        m.put(MicroBenchmark.EAR_VERIFY, 150.0);
        m.put(MicroBenchmark.JWE_EC_P256, 210.0);
        m.put(MicroBenchmark.JWE_EC_P521, 2000.0);
        m.put(MicroBenchmark.JWE_RSA, 90.0);
        m.put(MicroBenchmark.DEFAULT_CPU_POLICY, 300.0);
        m.put(MicroBenchmark.AFFIRMING_POLICY, 12.5);
        m.put(MicroBenchmark.NOOP_HTTP_SOCKET, 10.0);
        return m;
    }

    static Timings timings() {
        return new Timings(micros());
    }
}
