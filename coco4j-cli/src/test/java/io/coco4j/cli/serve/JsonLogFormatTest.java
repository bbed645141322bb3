package io.coco4j.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.cli.Main;
import io.coco4j.kbs.server.KbsServer;
import io.coco4j.protocol.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code coco4j serve --log-format json}: one JSON object a line, carrying the request id, and no secret. */
class JsonLogFormatTest {

    @TempDir
    Path dir;

    private static int run(StringWriter err, String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void jsonLinesCarryTheRequestIdAndNeverTheSecret() throws Exception {
        Path data = dir.resolve("data");
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--dev", "--listen", "127.0.0.1:0", "--data-dir", data.toString(), "--log-format", "json");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (AutoCloseable json = serve.logFormat().install(log); KbsServer kbs = serve.start()) {
            String url = kbs.baseUrls().get(0).toString();
            StringWriter err = new StringWriter();
            assertThat(run(err, "admin", "set-resource", "--url", url, "--data-dir", data.toString(), "kbs:///default/app/key",
                    "--value", "json-log-secret-5521")).as(err.toString()).isZero();
            assertThat(run(err, "get-resource", "--url", url, "--attester", "sample", "kbs:///default/app/key")).as(err.toString()).isZero();
            HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/kbs/v0/resource/default/app/key"))
                    .header("X-Request-Id", "json-log-1").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
        }
        String text = log.toString(StandardCharsets.UTF_8);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            lines.add(Json.readTree(line.getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(lines).as("every line is one JSON object").hasSizeGreaterThan(3).allSatisfy(line -> {
            assertThat(line.isObject()).isTrue();
            assertThat(line.has("level")).isTrue();
            assertThat(line.has("formattedMessage")).isTrue();
            assertThat(line.has("arguments")).isFalse();
        });
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.get("loggerName").asText()).isEqualTo("io.coco4j.kbs.access");
            assertThat(line.at("/mdc/request_id").asText()).isEqualTo("json-log-1");
            assertThat(line.get("formattedMessage").asText()).startsWith("GET /kbs/v0/resource/{path} 401 ");
        });
        assertThat(text).doesNotContain("json-log-secret-5521");
    }

    @Test
    void anUnknownFormatIsRefused() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "serve", "--dev", "--data-dir", dir.toString(), "--log-format", "yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("--log-format is text or json, not 'yaml'");
    }
}
