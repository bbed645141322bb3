package io.coco4j.fuzz;

import com.google.protobuf.ByteString;
import io.coco4j.guest.initdata.InitDataFuzzTest;
import io.coco4j.guest.ttrpc.TtrpcFrame;
import io.coco4j.guest.ttrpc.TtrpcFrameFuzzTest;
import io.coco4j.guest.ttrpc.wire.KeyValue;
import io.coco4j.guest.ttrpc.wire.Request;
import io.coco4j.guest.ttrpc.wire.Response;
import io.coco4j.guest.ttrpc.wire.Status;
import io.coco4j.image.cipher.PublicLayerOptions;
import io.coco4j.image.keywrap.AnnotationPacket;
import io.coco4j.image.keywrap.AnnotationPacketFuzzTest;
import io.coco4j.image.oci.OciDocumentFuzzTest;
import io.coco4j.image.registry.ImageNameFuzzTest;
import io.coco4j.protocol.resource.ResourceUriFuzzTest;
import io.coco4j.rego.parse.RegoParserFuzzTest;
import io.coco4j.rvps.corim.CorimFuzzTest;
import io.coco4j.rvps.intoto.InTotoMetadataFuzzTest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;

/** Seeds for the text and framing parsers, written here: Rego, URIs, init-data, OCI documents, image names, ttRPC. */
final class TextSeeds {

    private static final String SHA256_A = "sha256:" + "a".repeat(64);
    private static final String SHA256_B = "sha256:" + "b".repeat(64);

    private TextSeeds() {
    }

    static void addTo(SeedCorpus seeds) {
        rego(seeds);
        seeds.add(ResourceUriFuzzTest.class, "resource", "kbs:///default/key/1");
        seeds.add(ResourceUriFuzzTest.class, "authority-query", "kbs://kbs.example:8080/repo/type/tag?version=2#frag");
        seeds.add(ResourceUriFuzzTest.class, "plugin", "kbs+vault:///secret/data/db%20password");
        seeds.add(ResourceUriFuzzTest.class, "dot-segment", "kbs:///default/../key");
        seeds.add(InitDataFuzzTest.class, "aa-cdh-policy", """
                version = "0.1.0"
                algorithm = "sha384"
                [data]
                "aa.toml" = '''
                [token_configs.kbs]
                url = "https://kbs.example:8080"
                '''
                "policy.rego" = '''
                package agent_policy
                default CreateContainerRequest := true
                '''
                """);
        seeds.add(InitDataFuzzTest.class, "sha512-empty", "version = \"0.1.0\"\nalgorithm = \"sha512\"\n[data]\n");
        oci(seeds);
        seeds.add(ImageNameFuzzTest.class, "hub-short", "busybox");
        seeds.add(ImageNameFuzzTest.class, "registry-port-digest", "localhost:5000/team/app:1.2@" + SHA256_A);
        seeds.add(ImageNameFuzzTest.class, "layout-tag", "oci:/var/lib/images/app:latest");
        seeds.add(ImageNameFuzzTest.class, "bearer-challenge",
                "Bearer realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:team/app:pull\"");
        seeds.add(ImageNameFuzzTest.class, "digest", SHA256_B);
        annotations(seeds);
        seeds.add(TtrpcFrameFuzzTest.class, "request-response", ttrpc());
        inToto(seeds);
    }

    private static void inToto(SeedCorpus seeds) {
        String signatures = "\"signatures\":[{\"keyid\":\"" + "ab".repeat(32) + "\",\"sig\":\"" + "00".repeat(64) + "\"}]";
        seeds.add(InTotoMetadataFuzzTest.class, "link-metablock", "{\"signed\":{\"_type\":\"link\",\"name\":\"build\","
                + "\"materials\":{\"src/main.c\":{\"sha256\":\"" + "a".repeat(64) + "\"}},\"products\":{\"app\":{\"sha256\":\""
                + "b".repeat(64) + "\"}},\"byproducts\":{},\"command\":[\"make\"],\"environment\":{}}," + signatures + "}");
        seeds.add(InTotoMetadataFuzzTest.class, "layout-metablock", "{\"signed\":{\"_type\":\"layout\",\"expires\":\"2030-01-01T00:00:00Z\","
                + "\"readme\":\"\",\"keys\":{},\"steps\":[{\"_type\":\"step\",\"name\":\"build\",\"pubkeys\":[\"" + "ab".repeat(32)
                + "\"],\"threshold\":1,\"expected_command\":[\"make\"],\"expected_materials\":[[\"ALLOW\",\"src/*\"]],"
                + "\"expected_products\":[[\"CREATE\",\"app\"],[\"DISALLOW\",\"*\"]]}],\"inspect\":[]}," + signatures + "}");
        seeds.add(InTotoMetadataFuzzTest.class, "link-dsse", "{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\""
                + Base64.getEncoder().encodeToString("{\"_type\":\"link\",\"name\":\"build\",\"materials\":{},\"products\":{},\"byproducts\":{},\"command\":[],\"environment\":{}}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "\",\"signatures\":[{\"keyid\":\"k\",\"sig\":\"AAAA\"}]}");
        // a CoRIM-shaped document: tag 501 around {0: id, 1: [tag 506 CoMID bytes]} (the CoMID itself empty)
        seeds.add(CorimFuzzTest.class, "corim-shape", new byte[] {(byte) 0xd9, 0x01, (byte) 0xf5, (byte) 0xa2, 0x00, 0x61, 0x78, 0x01,
                (byte) 0x81, (byte) 0xd9, 0x01, (byte) 0xfa, 0x41, (byte) 0xa0});
    }

    private static void rego(SeedCorpus seeds) {
        seeds.add(RegoParserFuzzTest.class, "attestation-policy", """
                package policy
                import rego.v1

                default executables := 33
                executables := 3 if {
                    input.snp.measurement in data.reference.measurement
                    count(input.snp.report_data) == 128
                }
                hardware := 2 if { some claim in input.tdx; startswith(claim.rtmr_0, "e9") }
                ids contains id if { some id, v in input.devices; v.enabled == true }
                obj := {k: v | some k, v in input.map; v > 1.5e3}
                f(x, y) := x + y if x > -1
                every_ok if every x in [1, 2, 3] { x < 4 }
                """);
        seeds.add(RegoParserFuzzTest.class, "v0-rules", """
                package kata.agent
                default allow = false
                allow { input.path == `/a\\b`; not deny[_]; x := "esc\\u00e9\\n"; y = {1, 2} | {3} }
                deny[msg] { msg := sprintf("%v", [input.x]) with input.x as 7 }
                p = 1 { false } else = 2 { true }
                """);
        seeds.add(RegoParserFuzzTest.class, "query", "x := data.a[b].c; some i; y[i] == 16; z := [v | v := w[_]]");
        seeds.add(RegoParserFuzzTest.class, "term", "{\"a\": [1, 2.5, null, true, {\"b\": set()}]}");
    }

    private static void oci(SeedCorpus seeds) {
        String descriptor = "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + SHA256_B
                + "\",\"size\":1234,\"annotations\":{\"org.opencontainers.image.enc.pubopts\":\"e30=\"}}";
        seeds.add(OciDocumentFuzzTest.class, "manifest", "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + SHA256_A + "\",\"size\":2},"
                + "\"layers\":[" + descriptor + "]}");
        seeds.add(OciDocumentFuzzTest.class, "index", "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                + "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + SHA256_A
                + "\",\"size\":400,\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"},"
                + "\"annotations\":{\"org.opencontainers.image.ref.name\":\"latest\"}}]}");
        seeds.add(OciDocumentFuzzTest.class, "docker-manifest", "{\"schemaVersion\":2,"
                + "\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\"config\":{\"mediaType\":"
                + "\"application/vnd.docker.container.image.v1+json\",\"digest\":\"" + SHA256_A + "\",\"size\":7},\"layers\":[]}");
    }

    private static void annotations(SeedCorpus seeds) {
        Base64.Encoder b64 = Base64.getEncoder();
        seeds.add(AnnotationPacketFuzzTest.class, "kbs-packet", AnnotationPacket.v1("kbs:///default/image-kek/1",
                b64.encodeToString(new byte[48]), b64.encodeToString(new byte[12]), "A256GCM").toJson());
        seeds.add(AnnotationPacketFuzzTest.class, "public-options", new PublicLayerOptions("AES_256_CTR_HMAC_SHA256", new byte[32],
                Map.of("nonce", new byte[16])).toAnnotation());
        seeds.add(AnnotationPacketFuzzTest.class, "private-options", "{\"symkey\":\"" + b64.encodeToString(new byte[32])
                + "\",\"digest\":\"" + SHA256_A + "\",\"cipheroptions\":{\"nonce\":\"" + b64.encodeToString(new byte[16]) + "\"}}");
    }

    /** A request frame for the attestation agent and the response frame to it. */
    private static byte[] ttrpc() {
        Request request = Request.newBuilder().setService("attestation_agent.AttestationAgentService").setMethod("GetEvidence")
                .setPayload(ByteString.copyFromUtf8("\n\u0004data")).setTimeoutNano(1_000_000_000L)
                .addMetadata(KeyValue.newBuilder().setKey("trace").setValue("1")).build();
        Response response = Response.newBuilder().setStatus(Status.newBuilder().setCode(5).setMessage("not found"))
                .setPayload(ByteString.copyFromUtf8("evidence")).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frame(out, 1, TtrpcFrame.TYPE_REQUEST, request.toByteArray());
        frame(out, 1, TtrpcFrame.TYPE_RESPONSE, response.toByteArray());
        frame(out, 3, TtrpcFrame.TYPE_DATA, new byte[] {1, 2, 3});
        return out.toByteArray();
    }

    private static void frame(ByteArrayOutputStream out, int stream, byte type, byte[] payload) {
        out.writeBytes(ByteBuffer.allocate(TtrpcFrame.HEADER_LENGTH).putInt(payload.length).putInt(stream).put(type).put((byte) 0).array());
        out.writeBytes(payload);
    }
}
