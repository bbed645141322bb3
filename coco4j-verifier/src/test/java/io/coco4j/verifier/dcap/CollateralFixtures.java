package io.coco4j.verifier.dcap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.json.Json;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** The dcap-qvl TDX collateral bundle re-laid out as PCS responses (directory) and as PCS client tool output. */
final class CollateralFixtures {

    final JsonNode bundle;

    CollateralFixtures(String bundlePath) throws IOException {
        this.bundle = Json.readTree(Vectors.bytes(bundlePath));
    }

    String text(String name) {
        return bundle.get(name).asText();
    }

    /** A PCS response body: the signed JSON text kept byte for byte. */
    byte[] response(String member, String body, String signature) {
        return ("{\"" + member + "\":" + body + ",\"signature\":\"" + signature + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    void writeDirectory(Path dir, String tee, String fmspc, String ca) throws IOException {
        write(dir.resolve(tee + "/tcb/" + fmspc + ".json"), response("tcbInfo", text("tcb_info"), text("tcb_info_signature")));
        write(dir.resolve(tee + "/tcb/" + fmspc + ".issuer-chain.pem"), text("tcb_info_issuer_chain").getBytes(StandardCharsets.US_ASCII));
        write(dir.resolve(tee + "/qe-identity.json"), response("enclaveIdentity", text("qe_identity"), text("qe_identity_signature")));
        write(dir.resolve(tee + "/qe-identity.issuer-chain.pem"), text("qe_identity_issuer_chain").getBytes(StandardCharsets.US_ASCII));
        write(dir.resolve("pckcrl/" + ca + ".crl"), HexFormat.of().parseHex(text("pck_crl")));
        write(dir.resolve("pckcrl/" + ca + ".issuer-chain.pem"), text("pck_crl_issuer_chain").getBytes(StandardCharsets.US_ASCII));
        write(dir.resolve("rootcacrl.crl"), HexFormat.of().parseHex(text("root_ca_crl")));
    }

    /** The reference's file:// format: signed objects embedded as JSON, issuer chains URL-encoded. */
    ObjectNode pcsClientTool(String fmspc, boolean tdx, String ca) throws IOException {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode collaterals = root.putObject("collaterals");
        ObjectNode entry = collaterals.putArray("tcbinfos").addObject();
        entry.put("fmspc", fmspc);
        ObjectNode tcb = entry.putObject(tdx ? "tdx_tcbinfo" : "sgx_tcbinfo");
        tcb.set("tcbInfo", Json.readTree(text("tcb_info")));
        tcb.put("signature", text("tcb_info_signature"));
        ObjectNode qe = collaterals.putObject(tdx ? "tdqeidentity" : "qeidentity");
        qe.set("enclaveIdentity", Json.readTree(text("qe_identity")));
        qe.put("signature", text("qe_identity_signature"));
        collaterals.putObject("pckcacrl").put(ca.equals("platform") ? "platformCrl" : "processorCrl", text("pck_crl"))
                .put(ca.equals("platform") ? "processorCrl" : "platformCrl", "00");
        ObjectNode certificates = collaterals.putObject("certificates");
        certificates.put("TCB-Info-Issuer-Chain", percent(text("tcb_info_issuer_chain")));
        certificates.put("SGX-Enclave-Identity-Issuer-Chain", percent(text("qe_identity_issuer_chain")));
        certificates.putObject("SGX-PCK-Certificate-Issuer-Chain").put(ca.toUpperCase(java.util.Locale.ROOT),
                percent(text("pck_crl_issuer_chain")));
        collaterals.put("rootcacrl", text("root_ca_crl"));
        return root;
    }

    /** Percent-encoding as PCS applies it to issuer-chain headers (space as %20, + as %2B). */
    static String percent(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }
}
