package io.coco4j.guest.attester.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.coco4j.guest.attester.EvidenceException;
import io.coco4j.protocol.json.Json;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * Azure's instance metadata service, which the vTPM attesters need for what the vTPM does not hold:
 * the chip's VCEK certificate ({@code /metadata/THIM/amd/certification}) and TD quotes for a TDREPORT
 * ({@code /acc/tdquote}).
 */
public final class AzureImds {

    public static final URI DEFAULT_BASE = URI.create("http://169.254.169.254");

    private final URI base;
    private final HttpClient http;

    public AzureImds(URI base) {
        this.base = Objects.requireNonNull(base, "base");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The VCEK certificate (DER) of the chip this VM runs on. */
    public byte[] vcekDer() throws EvidenceException {
        JsonNode answer = send(HttpRequest.newBuilder(base.resolve("/metadata/THIM/amd/certification"))
                .header("Metadata", "true").GET());
        JsonNode pem = answer.get("vcekCert");
        if (pem == null || !pem.isTextual()) {
            throw new EvidenceException("the instance metadata service returned no vcekCert");
        }
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.textValue().getBytes(StandardCharsets.US_ASCII))).getEncoded();
        } catch (CertificateException e) {
            throw new EvidenceException("the instance metadata service's vcekCert is not a certificate");
        }
    }

    /** A TD quote for a TDREPORT. */
    public byte[] tdQuote(byte[] tdReport) throws EvidenceException {
        String body = Json.write(JsonNodeFactory.instance.objectNode().put("report", Base64.getUrlEncoder().withoutPadding().encodeToString(tdReport)));
        JsonNode answer = send(HttpRequest.newBuilder(base.resolve("/acc/tdquote"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        JsonNode quote = answer.get("quote");
        if (quote == null || !quote.isTextual()) {
            throw new EvidenceException("the instance metadata service returned no TD quote");
        }
        try {
            String text = quote.textValue().replace('+', '-').replace('/', '_');
            while (text.endsWith("=")) {
                text = text.substring(0, text.length() - 1);
            }
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new EvidenceException("the instance metadata service's TD quote is not base64");
        }
    }

    private JsonNode send(HttpRequest.Builder request) throws EvidenceException {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new EvidenceException("cannot reach the instance metadata service at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EvidenceException("interrupted while waiting for the instance metadata service");
        }
        if (response.statusCode() != 200) {
            throw new EvidenceException("the instance metadata service answered HTTP " + response.statusCode());
        }
        try {
            JsonNode node = Json.readTree(response.body());
            if (node == null || !node.isObject()) {
                throw new EvidenceException("the instance metadata service's answer is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new EvidenceException("the instance metadata service's answer is not JSON");
        }
    }
}
