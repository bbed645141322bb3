package io.coco4j.verifier.dcap;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.tee.dcap.DcapQuote;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A fully verified quote: signatures to the pinned root, collateral, revocation and TCB status.
 * {@link #supplementalClaims()} renders it as the reference's DCAP claims (Intel's supplemental
 * data).
 */
public record DcapVerification(VerifiedQuote verifiedQuote, VerifiedCollateral collateral, TcbEvaluation tcb) {

    public DcapQuote quote() {
        return verifiedQuote.quote();
    }

    public PckExtensions pck() {
        return verifiedQuote.pck().extensions();
    }

    public TcbStatus tcbStatus() {
        return tcb.status();
    }

    public List<String> advisoryIds() {
        return tcb.advisoryIds();
    }

    /**
     * {@code tcb_status}, {@code advisory_ids}, {@code tcb_date}, {@code collateral_expiration_status}
     * ("0": nothing expired at the validation time), the earliest and latest issue and the earliest
     * expiration over all certificates, CRLs and signed collateral, the CRL and TCB evaluation
     * numbers, the platform provider ID (PPID), SGX type and configuration, and the root key ID
     * (SHA-384 of the root's uncompressed public point).
     */
    public ObjectNode supplementalClaims() {
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        List<Instant> issued = new ArrayList<>();
        List<Instant> expires = new ArrayList<>();
        List<X509Certificate> certificates = new ArrayList<>(verifiedQuote.pck().certificates());
        certificates.addAll(collateral.issuerCertificates());
        for (X509Certificate certificate : certificates) {
            issued.add(certificate.getNotBefore().toInstant());
            expires.add(certificate.getNotAfter().toInstant());
        }
        issued.add(collateral.pckCrl().getThisUpdate().toInstant());
        expires.add(collateral.pckCrl().getNextUpdate().toInstant());
        issued.add(collateral.rootCaCrl().getThisUpdate().toInstant());
        expires.add(collateral.rootCaCrl().getNextUpdate().toInstant());
        issued.add(collateral.tcbInfo().issueDate());
        expires.add(collateral.tcbInfo().nextUpdate());
        issued.add(collateral.qeIdentity().issueDate());
        expires.add(collateral.qeIdentity().nextUpdate());

        claims.put("earliest_issue_date", rfc3339(issued.stream().min(Instant::compareTo).orElseThrow()));
        claims.put("latest_issue_date", rfc3339(issued.stream().max(Instant::compareTo).orElseThrow()));
        claims.put("earliest_expiration_date", rfc3339(expires.stream().min(Instant::compareTo).orElseThrow()));
        claims.put("tcb_date", rfc3339(tcb.tcbDate()));
        claims.put("pck_crl_num", collateral.pckCrlNumber());
        claims.put("root_ca_crl_num", collateral.rootCaCrlNumber());
        claims.put("tcb_eval_num", Math.min(collateral.tcbInfo().tcbEvaluationDataNumber(), collateral.qeIdentity().tcbEvaluationDataNumber()));
        PckExtensions pck = pck();
        claims.put("platform_provider_id", HexFormat.of().formatHex(pck.ppid()));
        claims.put("sgx_type", switch (pck.sgxType()) {
            case 0 -> "Standard";
            case 1 -> "Scalable";
            case 2 -> "Scalable with Integrity";
            default -> "Unknown (" + pck.sgxType() + ")";
        });
        if (pck.sgxType() > 0) {
            claims.put("is_dynamic_platform", pck.dynamicPlatform().orElse(false));
            claims.put("is_cached_keys", pck.cachedKeys().orElse(false));
            claims.put("is_smt_enabled", pck.smtEnabled().orElse(false));
        }
        claims.put("root_key_id", HexFormat.of().formatHex(rootKeyId(verifiedQuote.pck().root())));
        claims.put("tcb_status", tcb.status().intelName());
        claims.put("collateral_expiration_status", "0");
        tcb.advisoryIds().forEach(claims.putArray("advisory_ids")::add);
        return claims;
    }

    private static String rfc3339(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /** SHA-384 of the root key as an uncompressed point ({@code 04 || x || y}). */
    static byte[] rootKeyId(X509Certificate root) {
        ECPublicKey key = (ECPublicKey) root.getPublicKey();
        int size = (key.getParams().getCurve().getField().getFieldSize() + 7) / 8;
        byte[] point = new byte[1 + 2 * size];
        point[0] = 4;
        copy(key.getW().getAffineX(), point, 1, size);
        copy(key.getW().getAffineY(), point, 1 + size, size);
        try {
            return MessageDigest.getInstance("SHA-384").digest(point);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-384 is missing from this JDK", e);
        }
    }

    private static void copy(java.math.BigInteger value, byte[] out, int offset, int size) {
        byte[] bytes = value.toByteArray();
        int from = Math.max(0, bytes.length - size);
        System.arraycopy(bytes, from, out, offset + size - (bytes.length - from), bytes.length - from);
    }
}
