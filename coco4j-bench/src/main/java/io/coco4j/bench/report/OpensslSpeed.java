package io.coco4j.bench.report;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rates {@code openssl speed -seconds 1 ecdsap256 ecdsap384 ecdhp256} prints, in operations per
 * second, read from its summary table:
 * <pre>
 *                               sign    verify    sign/s verify/s
 *  256 bits ecdsa (nistp256)   0.0000s   0.0001s  39175.8  13370.0
 *                               op      op/s
 *  256 bits ecdh (nistp256)   0.0001s  15126.3
 * </pre>
 * (OpenSSL 1.1 writes "bit" where 3.x writes "bits".) The ECDH rate is of one agreement between existing keys (key generation is outside OpenSSL's loop).
 */
public record OpensslSpeed(String version, double p256Sign, double p256Verify, double p384Sign, double p384Verify,
                           double p256Ecdh) {

    private static final Pattern ECDSA = Pattern.compile(
            "^\\s*\\d+ bits? ecdsa \\((nistp\\d+)\\)\\s+[\\d.]+s\\s+[\\d.]+s\\s+([\\d.]+)\\s+([\\d.]+)\\s*$", Pattern.MULTILINE);
    private static final Pattern ECDH = Pattern.compile(
            "^\\s*\\d+ bits? ecdh \\((nistp\\d+)\\)\\s+[\\d.]+s\\s+([\\d.]+)\\s*$", Pattern.MULTILINE);
    /** 3.x prints {@code version: 3.0.19}, 1.1 {@code OpenSSL 1.1.1w  11 Sep 2023}. */
    private static final Pattern VERSION = Pattern.compile("^(?:version: |OpenSSL )(\\S+)", Pattern.MULTILINE);

    public OpensslSpeed {
        for (double rate : new double[] {p256Sign, p256Verify, p384Sign, p384Verify, p256Ecdh}) {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("an OpenSSL rate must be a positive number, got " + rate);
            }
        }
    }

    /**
     * @throws OpensslOutputException when a rate the report needs is missing from the output
     */
    public static OpensslSpeed parse(String output) throws OpensslOutputException {
        Map<String, double[]> ecdsa = new HashMap<>();
        Matcher m = ECDSA.matcher(output);
        while (m.find()) {
            ecdsa.put(m.group(1), new double[] {rate(m.group(2)), rate(m.group(3))});
        }
        Map<String, Double> ecdh = new HashMap<>();
        m = ECDH.matcher(output);
        while (m.find()) {
            ecdh.put(m.group(1), rate(m.group(2)));
        }
        double[] p256 = require(ecdsa, "nistp256", "256 bits ecdsa (nistp256)");
        double[] p384 = require(ecdsa, "nistp384", "384 bits ecdsa (nistp384)");
        Double p256Ecdh = ecdh.get("nistp256");
        if (p256Ecdh == null) {
            throw new OpensslOutputException("no '256 bits ecdh (nistp256)' line in the openssl speed output");
        }
        Matcher version = VERSION.matcher(output);
        String name = version.find() ? "OpenSSL " + version.group(1).trim() : "OpenSSL (version not printed)";
        try {
            return new OpensslSpeed(name, p256[0], p256[1], p384[0], p384[1], p256Ecdh);
        } catch (IllegalArgumentException e) {
            throw new OpensslOutputException("the openssl speed output holds an unusable rate: " + e.getMessage());
        }
    }

    private static double[] require(Map<String, double[]> rates, String curve, String line) throws OpensslOutputException {
        return Optional.ofNullable(rates.get(curve)).orElseThrow(
                () -> new OpensslOutputException("no '" + line + "' line in the openssl speed output"));
    }

    private static double rate(String text) throws OpensslOutputException {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new OpensslOutputException("'" + text + "' is not a rate");
        }
    }
}
