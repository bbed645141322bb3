package io.coco4j.image.crypt;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.image.cipher.LayerCipherException;
import io.coco4j.image.cipher.PublicLayerOptions;
import io.coco4j.image.keywrap.AnnotationPacket;
import io.coco4j.image.keywrap.EncryptionAnnotations;
import io.coco4j.image.keywrap.KeyUnwrapException;
import io.coco4j.image.oci.Descriptor;
import io.coco4j.image.oci.ImageReference;
import io.coco4j.image.oci.MediaTypes;
import io.coco4j.image.oci.OciLayout;
import io.coco4j.protocol.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Says, without any key, which layers of an image are encrypted and for whom. */
public final class ImageInspector {

    private ImageInspector() {
    }

    /** One layer: where it is, whether it is encrypted, with which cipher, and one line per wrapped key. */
    public record LayerReport(int index, Descriptor descriptor, boolean encrypted, String cipher, List<String> recipients) {
    }

    /** One manifest of the image and its layers. */
    public record ManifestReport(Descriptor descriptor, List<LayerReport> layers) {
    }

    public static List<ManifestReport> inspect(ImageReference image) throws IOException {
        OciLayout layout = OciLayout.open(image.layout());
        List<ManifestReport> reports = new ArrayList<>();
        for (OciLayout.ManifestRef ref : layout.manifests(layout.resolve(image.tag()))) {
            List<LayerReport> layers = new ArrayList<>();
            int index = 1;
            for (Descriptor layer : ref.manifest().layers()) {
                layers.add(report(index++, layer));
            }
            reports.add(new ManifestReport(ref.descriptor(), layers));
        }
        return reports;
    }

    static LayerReport report(int index, Descriptor layer) {
        if (!MediaTypes.isEncrypted(layer.mediaType())) {
            return new LayerReport(index, layer, false, null, List.of());
        }
        String cipher;
        try {
            String pubopts = layer.annotation(EncryptionAnnotations.PUBOPTS);
            cipher = pubopts == null ? "(no pubopts)" : PublicLayerOptions.fromAnnotation(pubopts).cipher();
        } catch (LayerCipherException e) {
            cipher = "(unreadable pubopts)";
        }
        List<String> recipients = new ArrayList<>();
        for (Map.Entry<String, String> annotation : layer.annotations().entrySet()) {
            String scheme = EncryptionAnnotations.scheme(annotation.getKey()).orElse(null);
            if (scheme == null) {
                continue;
            }
            for (String item : annotation.getValue().split(",")) {
                recipients.add(scheme + ": " + describe(scheme, item.strip()));
            }
        }
        return new LayerReport(index, layer, true, cipher, recipients);
    }

    private static String describe(String scheme, String item) {
        byte[] entry;
        try {
            entry = Base64.getDecoder().decode(item);
        } catch (IllegalArgumentException e) {
            return "(not base64)";
        }
        if (scheme.equals("jwe")) {
            try {
                JsonNode jwe = Json.readTree(entry);
                List<String> algorithms = new ArrayList<>();
                JsonNode header = protectedHeader(jwe.path("protected").asText(""));
                if (jwe.has("recipients")) {
                    for (JsonNode recipient : jwe.get("recipients")) {
                        algorithms.add(recipient.path("header").path("alg").asText(header.path("alg").asText("?")));
                    }
                } else {
                    algorithms.add(jwe.path("header").path("alg").asText(header.path("alg").asText("?")));
                }
                return "recipient key " + String.join(", ", algorithms) + " (" + header.path("enc").asText("?") + ")";
            } catch (IOException e) {
                return "(unreadable JWE)";
            }
        }
        if (scheme.startsWith("provider.")) {
            try {
                AnnotationPacket packet = AnnotationPacket.parse(entry);
                return "kid=" + packet.kid() + " provider=" + packet.effectiveProvider()
                        + (packet.wrapType() == null ? "" : " wrap_type=" + packet.wrapType());
            } catch (KeyUnwrapException e) {
                return "(not an AnnotationPacket)";
            }
        }
        return entry.length + " bytes";
    }

    private static JsonNode protectedHeader(String b64url) {
        try {
            return Json.readTree(new String(Base64.getUrlDecoder().decode(b64url), StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            return Json.mapper().createObjectNode();
        }
    }
}
