package io.coco4j.verifier.dcap;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.tee.dcap.TeeType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Collateral in one JSON file, in either of two common layouts:
 * <ul>
 * <li>the single-quote bundle of DCAP libraries ({@code QuoteCollateralV3}): {@code tcb_info} and
 * {@code qe_identity} as the signed JSON text, {@code tcb_info_signature} and
 * {@code qe_identity_signature} as hex, the issuer chains as PEM, {@code pck_crl} and
 * {@code root_ca_crl} as hex of DER;</li>
 * <li>the output of Intel's PCS client tool that the reference's {@code file://} collateral service
 * reads: {@code {"collaterals": {"tcbinfos": [{"fmspc", "sgx_tcbinfo", "tdx_tcbinfo", …_early}],
 * "qeidentity", "tdqeidentity", "pckcacrl", "rootcacrl", "certificates": {…}}}}.</li>
 * </ul>
 * The file is read on each request, so replacing it takes effect at the next refresh.
 */
public final class CollateralBundle implements CollateralSource {

    private final Path file;
    private final TcbUpdateType updateType;

    public CollateralBundle(Path file, TcbUpdateType updateType) {
        this.file = file;
        this.updateType = updateType;
    }

    @Override
    public IntelCollateral collateral(TeeType tee, byte[] fmspc, PckCaType ca) throws CollateralUnavailableException, MalformedCollateralException {
        JsonNode json = read();
        if (json.has("collaterals")) {
            return fromPcsClientTool(json.get("collaterals"), tee, fmspc, ca);
        }
        if (json.has("tcb_info")) {
            return fromQuoteCollateral(json);
        }
        throw new MalformedCollateralException(file + " is neither a quote collateral bundle (tcb_info, qe_identity, …) nor PCS client tool output (collaterals)");
    }

    /** Parses a single-quote bundle from its JSON text (also used for evidence-embedded collateral). */
    public static IntelCollateral parseQuoteCollateral(byte[] json) throws MalformedCollateralException {
        try {
            return fromQuoteCollateral(Json.readTree(json));
        } catch (IOException e) {
            throw new MalformedCollateralException("collateral bundle is not JSON: " + e.getMessage());
        }
    }

    private static IntelCollateral fromQuoteCollateral(JsonNode json) throws MalformedCollateralException {
        SignedJson tcb = SignedJson.fromParts(text(json, "tcb_info"), text(json, "tcb_info_signature"), text(json, "tcb_info_issuer_chain"));
        SignedJson qe = SignedJson.fromParts(text(json, "qe_identity"), text(json, "qe_identity_signature"),
                text(json, "qe_identity_issuer_chain"));
        Optional<String> crlChain = json.hasNonNull("pck_crl_issuer_chain") ? Optional.of(text(json, "pck_crl_issuer_chain")) : Optional.empty();
        return new IntelCollateral(tcb, qe, binary(json, "pck_crl"), crlChain, binary(json, "root_ca_crl"));
    }

    private IntelCollateral fromPcsClientTool(JsonNode collaterals, TeeType tee, byte[] fmspc, PckCaType ca)
            throws CollateralUnavailableException, MalformedCollateralException {
        boolean tdx = tee == TeeType.TDX;
        JsonNode entry = null;
        for (JsonNode candidate : collaterals.path("tcbinfos")) {
            if (candidate.path("fmspc").asText().equalsIgnoreCase(HexFormat.of().formatHex(fmspc))) {
                entry = candidate;
            }
        }
        String fmspcHex = HexFormat.of().withUpperCase().formatHex(fmspc);
        if (entry == null) {
            throw new CollateralUnavailableException(file + " has no TCB info for FMSPC " + fmspcHex);
        }
        JsonNode tcbInfo = pick(entry, tdx ? "tdx_tcbinfo" : "sgx_tcbinfo");
        JsonNode qeIdentity = pick(collaterals, tdx ? "tdqeidentity" : "qeidentity");
        if (tcbInfo == null || qeIdentity == null) {
            throw new CollateralUnavailableException(file + " has no " + (tdx ? "TDX" : "SGX") + " TCB info for FMSPC " + fmspcHex
                    + " or no " + (tdx ? "TD_QE" : "QE") + " identity for the " + updateType.wireName() + " TCB update");
        }
        JsonNode certificates = collaterals.path("certificates");
        SignedJson tcb = embedded(tcbInfo, "tcbInfo", urlDecoded(text(certificates, "TCB-Info-Issuer-Chain")));
        SignedJson qe = embedded(qeIdentity, "enclaveIdentity", urlDecoded(text(certificates, "SGX-Enclave-Identity-Issuer-Chain")));
        String crlKey = ca == PckCaType.PLATFORM ? "platformCrl" : "processorCrl";
        byte[] pckCrl = binary(collaterals.path("pckcacrl"), crlKey);
        JsonNode chains = certificates.path("SGX-PCK-Certificate-Issuer-Chain");
        Optional<String> crlChain = chains.hasNonNull(ca.name()) ? Optional.of(urlDecoded(chains.get(ca.name()).asText())) : Optional.empty();
        return new IntelCollateral(tcb, qe, pckCrl, crlChain, binary(collaterals, "rootcacrl"));
    }

    /** The {@code early} view falls back to the standard one when absent, as in the reference. */
    private JsonNode pick(JsonNode parent, String name) {
        if (updateType == TcbUpdateType.EARLY && parent.hasNonNull(name + "_early")) {
            return parent.get(name + "_early");
        }
        return parent.hasNonNull(name) ? parent.get(name) : null;
    }

    /** A signed object embedded as JSON: Intel signs its compact serialisation in member order. */
    private static SignedJson embedded(JsonNode response, String member, String chain) throws MalformedCollateralException {
        JsonNode body = response.get(member);
        if (body == null || !body.isObject()) {
            throw new MalformedCollateralException("collateral entry has no \"" + member + "\" object");
        }
        return new SignedJson(Json.writeBytes(body), SignedJson.signatureHex(text(response, "signature"), member), chain);
    }

    private static String urlDecoded(String value) {
        return PercentEncoding.decode(value);
    }

    private static String text(JsonNode json, String name) throws MalformedCollateralException {
        JsonNode value = json.get(name);
        if (value == null || !value.isTextual()) {
            throw new MalformedCollateralException("collateral bundle has no string \"" + name + "\"");
        }
        return value.asText();
    }

    /** DER given as hex text or as a JSON array of byte values. */
    private static byte[] binary(JsonNode json, String name) throws MalformedCollateralException {
        JsonNode value = json.get(name);
        if (value != null && value.isArray()) {
            byte[] out = new byte[value.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) value.get(i).asInt();
            }
            return out;
        }
        String text = text(json, name).trim();
        if (text.startsWith("-----BEGIN")) {
            return text.getBytes(StandardCharsets.US_ASCII);
        }
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedCollateralException("collateral bundle \"" + name + "\" is not hex");
        }
    }

    private JsonNode read() throws CollateralUnavailableException, MalformedCollateralException {
        try {
            return Json.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new CollateralUnavailableException("collateral bundle " + file + " does not exist");
        } catch (IOException e) {
            throw new MalformedCollateralException("cannot read collateral bundle " + file + ": " + e.getMessage());
        }
    }

    @Override
    public String describe() {
        return "collateral bundle " + file;
    }
}
