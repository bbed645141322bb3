package io.coco4j.bench.load;

import io.coco4j.guest.attester.CompositeAttester;
import io.coco4j.guest.attester.EvidenceException;
import io.coco4j.protocol.error.ErrorInformation;
import io.coco4j.protocol.jose.JweException;
import io.coco4j.protocol.jose.JweResponse;
import io.coco4j.protocol.jose.ResourceDecryptor;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.rcar.Attestation;
import io.coco4j.protocol.rcar.AttestationResponse;
import io.coco4j.protocol.rcar.AuthRequest;
import io.coco4j.protocol.rcar.Challenge;
import io.coco4j.protocol.rcar.HashAlgorithm;
import io.coco4j.protocol.rcar.KbsProtocol;
import io.coco4j.protocol.rcar.RuntimeData;
import io.coco4j.protocol.rcar.TeeEvidence;
import io.coco4j.protocol.resource.ResourceUri;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * One guest's whole protocol over the wire, timed per request and never retried: a fresh TEE key
 * pair, {@code /auth}, evidence binding the challenge and the key, {@code /attest}, a resource GET
 * with the session cookie, then a second GET of the same resource with the token as
 * {@code Authorization: Bearer} (as the Confidential Data Hub uses cached tokens). Both answers must
 * decrypt with the guest's key to the same content.
 */
public final class SimulatedGuest {

    private final HttpClient http;
    private final URI auth;
    private final URI attest;
    private final URI resource;
    private final CompositeAttester attester;
    private final TeeKeyAlgorithm keyAlgorithm;
    private final Duration requestTimeout;

    public SimulatedGuest(HttpClient http, String baseUrl, ResourceUri resource, CompositeAttester attester,
                          TeeKeyAlgorithm keyAlgorithm, Duration requestTimeout) {
        this.http = http;
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.auth = URI.create(base + KbsProtocol.API_PREFIX + "auth");
        this.attest = URI.create(base + KbsProtocol.API_PREFIX + "attest");
        this.resource = resource.toUrl(base);
        this.attester = attester;
        this.keyAlgorithm = keyAlgorithm;
        this.requestTimeout = requestTimeout;
    }

    /** A new guest's run: new key pair, new session, new evidence. */
    public GuestRun run() throws GuestFailure, InterruptedException {
        long start = System.nanoTime();
        Attested attested = attest();
        long resource1Start = System.nanoTime();
        byte[] first = fetch(Step.RESOURCE1, "Cookie", attested.cookie(), attested.keys());
        long resource2Start = System.nanoTime();
        byte[] second = fetch(Step.RESOURCE2, "Authorization", "Bearer " + attested.token(), attested.keys());
        long end = System.nanoTime();
        if (!Arrays.equals(first, second)) {
            throw new GuestFailure(Step.RESOURCE2, "content differs from resource1");
        }
        return new GuestRun(attested.authNanos(), attested.attestNanos(), resource2Start - resource1Start, end - resource2Start,
                end - start, attested.token().length());
    }

    /** Auth and attest only: the token a new guest is issued (for tools that need a real one). */
    public String token() throws GuestFailure, InterruptedException {
        return attest().token();
    }

    private record Attested(TeeKeyPair keys, String cookie, String token, long authNanos, long attestNanos) {
    }

    private Attested attest() throws GuestFailure, InterruptedException {
        TeeKeyPair keys = TeeKeyPair.generate(keyAlgorithm);
        long authStart = System.nanoTime();
        HttpResponse<byte[]> challengeAnswer = send(Step.AUTH, post(auth, Json.writeBytes(AuthRequest.forTee(attester.tee().wireName()))));
        Challenge challenge = read(Step.AUTH, challengeAnswer, Challenge.class);
        if (challenge.nonce() == null || challenge.nonce().isEmpty()) {
            throw new GuestFailure(Step.AUTH, "challenge without nonce");
        }
        String cookie = sessionCookie(challengeAnswer);
        long authNanos = System.nanoTime() - authStart;

        HashAlgorithm hash;
        try {
            hash = challenge.selectedHashAlgorithm();
        } catch (IllegalArgumentException e) {
            throw new GuestFailure(Step.AUTH, "unusable hash algorithm", e);
        }
        RuntimeData runtimeData = new RuntimeData(challenge.nonce(), keys.publicJwk());
        TeeEvidence evidence;
        try {
            evidence = attester.attest(runtimeData, hash);
        } catch (EvidenceException e) {
            throw new GuestFailure(Step.ATTEST, "no evidence", e);
        }
        long attestStart = System.nanoTime();
        HttpRequest.Builder request = post(attest, Json.writeBytes(new Attestation(null, runtimeData, evidence)));
        request.header("Cookie", cookie);
        AttestationResponse response = read(Step.ATTEST, send(Step.ATTEST, request), AttestationResponse.class);
        if (response.token() == null || response.token().isEmpty()) {
            throw new GuestFailure(Step.ATTEST, "answer without token");
        }
        return new Attested(keys, cookie, response.token(), authNanos, System.nanoTime() - attestStart);
    }

    private byte[] fetch(Step step, String header, String value, TeeKeyPair keys) throws GuestFailure, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(resource).timeout(requestTimeout).GET().header(header, value);
        JweResponse jwe = read(step, send(step, request), JweResponse.class);
        try {
            return ResourceDecryptor.decrypt(jwe, keys);
        } catch (JweException e) {
            throw new GuestFailure(step, "undecryptable JWE", e);
        }
    }

    private HttpRequest.Builder post(URI url, byte[] json) {
        return HttpRequest.newBuilder(url).timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json));
    }

    private HttpResponse<byte[]> send(Step step, HttpRequest.Builder request) throws GuestFailure, InterruptedException {
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw new GuestFailure(step, "connect timeout", e);
        } catch (HttpTimeoutException e) {
            throw new GuestFailure(step, "timeout", e);
        } catch (ConnectException e) {
            throw new GuestFailure(step, "connect", e);
        } catch (IOException e) {
            throw new GuestFailure(step, "I/O " + e.getClass().getSimpleName(), e);
        }
        if (answer.statusCode() != 200) {
            throw new GuestFailure(step, "HTTP " + answer.statusCode() + errorVariant(answer.body()).map(v -> " " + v).orElse(""));
        }
        return answer;
    }

    private static Optional<String> errorVariant(byte[] body) {
        try {
            ErrorInformation error = Json.read(body, ErrorInformation.class);
            return error == null ? Optional.empty() : Optional.of(error.variant());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static <T> T read(Step step, HttpResponse<byte[]> answer, Class<T> type) throws GuestFailure {
        try {
            T value = Json.read(answer.body(), type);
            if (value == null) {
                throw new GuestFailure(step, "empty answer");
            }
            return value;
        } catch (IOException e) {
            throw new GuestFailure(step, "malformed answer", e);
        }
    }

    private static String sessionCookie(HttpResponse<byte[]> answer) throws GuestFailure {
        for (String setCookie : answer.headers().allValues("set-cookie")) {
            int end = setCookie.indexOf(';');
            String pair = (end < 0 ? setCookie : setCookie.substring(0, end)).trim();
            if (pair.startsWith(KbsProtocol.SESSION_COOKIE + "=")) {
                return pair;
            }
        }
        throw new GuestFailure(Step.AUTH, "no session cookie");
    }
}
