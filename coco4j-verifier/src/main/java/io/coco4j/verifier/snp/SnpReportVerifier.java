package io.coco4j.verifier.snp;

import io.coco4j.protocol.crypto.CryptoProviders;
import io.coco4j.protocol.tee.snp.KeyInfo;
import io.coco4j.protocol.tee.snp.SnpCertEntry;
import io.coco4j.protocol.tee.snp.SnpCertType;
import io.coco4j.protocol.tee.snp.SnpProduct;
import io.coco4j.protocol.tee.snp.SnpReport;
import io.coco4j.protocol.tee.snp.TcbVersion;
import io.coco4j.verifier.VerificationException;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hardware part of SNP verification, shared by the {@code snp} and {@code az-snp-vtpm}
 * verifiers: find the VEK and its chain (evidence certificate table first, then the collateral
 * sources), check the chain up to the pinned ARK, check that the VEK belongs to this chip and TCB,
 * then the report signature, the VMPL and the minimum TCB. The bindings of report data and
 * host data differ per TEE and are left to the caller.
 *
 * <p>Verified chains are cached by the SHA-256 of the VEK and by (chip, TCB), so in steady state a
 * report costs one P-384 signature verification.
 */
public final class SnpReportVerifier {

    /** ECDSA P-384 with SHA-384, the only SIGNATURE_ALGO defined. */
    public static final int SIG_ALGO_ECDSA_P384_SHA384 = 1;

    private final SnpVerifierSettings settings;
    private final Clock clock;
    private final VekChainValidator validator;
    private final List<SnpCollateralSource> sources;
    private final Map<String, VerifiedChain> chainsByVek = new ConcurrentHashMap<>();
    private final Map<String, String> vekByChipAndTcb = new ConcurrentHashMap<>();

    public SnpReportVerifier(SnpVerifierSettings settings, Clock clock) {
        this(settings, clock, defaultSources(settings));
    }

    public SnpReportVerifier(SnpVerifierSettings settings, Clock clock, List<SnpCollateralSource> sources) {
        this.settings = settings;
        this.clock = clock;
        this.validator = new VekChainValidator(settings.arkPins());
        this.sources = List.copyOf(sources);
    }

    private static List<SnpCollateralSource> defaultSources(SnpVerifierSettings settings) {
        List<SnpCollateralSource> list = new ArrayList<>();
        settings.collateralDirectory().ifPresent(dir -> list.add(new CollateralDirectory(dir)));
        settings.kdsFallback().ifPresent(uri -> list.add(new KdsClient(uri)));
        return list;
    }

    public SnpVerifierSettings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Verifies everything about {@code report} that does not depend on the session: chain, chip,
     * TCB, signature, VMPL and minimum TCB.
     *
     * @param certTable the evidence's certificate table (may be empty)
     * @return the chain that vouched for the report
     */
    public VerifiedChain verify(SnpReport report, List<SnpCertEntry> certTable) throws VerificationException {
        VekType type = vekType(report);
        VerifiedChain chain = chain(report, type, certTable);
        chain.checkValidity(clock.instant());
        if (report.product().isPresent() && report.product().get() != chain.product()) {
            throw new ProductMismatchException("report comes from a " + report.product().get() + " processor but its VEK is for " + chain.product());
        }
        checkChipAndTcb(report, chain);
        checkSignature(report, chain);
        if (Integer.compareUnsigned(report.vmpl(), settings.maxVmpl()) > 0) {
            throw new VmplNotAllowedException("report was requested at VMPL " + Integer.toUnsignedString(report.vmpl())
                    + "; at most VMPL " + settings.maxVmpl() + " is accepted");
        }
        TcbVersion minimum = settings.minimumTcb().get(chain.product());
        if (minimum != null && !report.reportedTcb().atLeast(minimum)) {
            throw new TcbBelowMinimumException("reported TCB (" + report.reportedTcb() + ") is below the minimum for "
                    + chain.product() + " (" + minimum + ")");
        }
        return chain;
    }

    private static VekType vekType(SnpReport report) throws SnpReportFormatException {
        KeyInfo.SigningKey key = report.keyInfo().signingKey();
        return switch (key) {
            case VCEK -> VekType.VCEK;
            case VLEK -> VekType.VLEK;
            default -> throw new SnpReportFormatException("report is not signed by a VCEK or VLEK (signing key " + key + ")");
        };
    }

    private void checkChipAndTcb(SnpReport report, VerifiedChain chain) throws ChipIdMismatchException, TcbMismatchException {
        VekCertificate vek = chain.vek();
        if (vek.type() == VekType.VCEK && !report.keyInfo().maskChipKey()) {
            byte[] hwId = vek.hwId().orElseThrow();
            byte[] chipId = report.chipId();
            boolean matches = hwId.length == 8 && chain.product() == SnpProduct.TURIN
                    ? MessageDigest.isEqual(hwId, Arrays.copyOf(chipId, 8))
                    : MessageDigest.isEqual(hwId, chipId);
            if (!matches) {
                throw new ChipIdMismatchException("VCEK was issued for chip " + HexFormat.of().formatHex(hwId)
                        + ", not for the report's chip_id " + HexFormat.of().formatHex(chipId));
            }
        }
        if (!vek.tcb().equals(report.reportedTcb())) {
            throw new TcbMismatchException("reported TCB (" + report.reportedTcb() + ") differs from the TCB the " + vek.type()
                    + " was issued for (" + vek.tcb() + ")");
        }
    }

    private static void checkSignature(SnpReport report, VerifiedChain chain) throws SnpReportSignatureException, SnpReportFormatException {
        if (report.signatureAlgo() != SIG_ALGO_ECDSA_P384_SHA384) {
            throw new SnpReportFormatException("unsupported report signature algorithm " + Integer.toUnsignedString(report.signatureAlgo()));
        }
        boolean valid;
        try {
            Signature verifier = CryptoProviders.get().signature("SHA384withECDSA", chain.vekKey());
            verifier.initVerify(chain.vekKey());
            report.updateSigned(verifier);
            valid = verifier.verify(report.signature().toDer());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SnpReportSignatureException("report signature cannot be checked: " + e.getMessage(), e);
        }
        if (!valid) {
            throw new SnpReportSignatureException("report is not signed by its " + chain.vek().type());
        }
    }

    // ---- chain resolution and cache ----

    private VerifiedChain chain(SnpReport report, VekType type, List<SnpCertEntry> certTable) throws VerificationException {
        Optional<byte[]> suppliedVek = certTable.stream()
                .filter(e -> e.type() == SnpCertType.VCEK || e.type() == SnpCertType.VLEK).map(SnpCertEntry::data).findFirst();
        if (suppliedVek.isPresent()) {
            return chainForVek(report, type, suppliedVek.get(), certTable);
        }
        if (type == VekType.VLEK) {
            throw new SnpCollateralUnavailableException("report is signed by a VLEK but the evidence carries none (VLEKs are not published by AMD)");
        }
        List<SnpProduct> products = report.product().map(List::of).orElse(List.of(SnpProduct.values()));
        for (SnpProduct product : products) {
            String indexKey = product + "/" + CollateralDirectory.hwid(product, report.chipId()) + "/" + report.reportedTcb().filePrefix();
            String vekKey = vekByChipAndTcb.get(indexKey);
            if (vekKey != null && chainsByVek.containsKey(vekKey)) {
                return chainsByVek.get(vekKey);
            }
            for (SnpCollateralSource source : sources) {
                Optional<byte[]> der = fetch(() -> source.vcek(product, report.chipId(), report.reportedTcb()), source);
                if (der.isPresent()) {
                    VerifiedChain chain = chainForVek(report, type, der.get(), certTable);
                    vekByChipAndTcb.put(indexKey, fingerprint(der.get()));
                    return chain;
                }
            }
        }
        throw new SnpCollateralUnavailableException("no VCEK for chip " + HexFormat.of().formatHex(report.chipId()).substring(0, 16)
                + "… at TCB " + report.reportedTcb() + ": not in the evidence" + (sources.isEmpty() ? " and no collateral source is configured"
                : " nor in " + String.join(", ", sources.stream().map(SnpCollateralSource::describe).toList())));
    }

    private VerifiedChain chainForVek(SnpReport report, VekType type, byte[] vekDer, List<SnpCertEntry> certTable) throws VerificationException {
        String key = fingerprint(vekDer);
        VerifiedChain cached = chainsByVek.get(key);
        if (cached != null) {
            if (cached.vek().type() != type) {
                throw new SnpReportSignatureException("report is signed by a " + type + " but the evidence supplies a " + cached.vek().type());
            }
            return cached;
        }
        VekCertificate vek;
        try {
            vek = VekCertificate.parse(vekDer);
        } catch (CertificateException e) {
            throw new SnpReportFormatException("VEK certificate does not parse: " + e.getMessage(), e);
        }
        if (vek.type() != type) {
            throw new SnpReportSignatureException("report is signed by a " + type + " but the evidence supplies a " + vek.type());
        }
        SnpProduct product = product(report, vek);
        X509Certificate intermediate = supplied(certTable, type == VekType.VCEK ? SnpCertType.ASK : SnpCertType.ASVK)
                .orElse(null);
        X509Certificate ark = supplied(certTable, SnpCertType.ARK).orElse(null);
        if (intermediate == null || ark == null) {
            List<X509Certificate> fromSources = chainFromSources(product, type);
            if (intermediate == null) {
                intermediate = fromSources.get(0);
            }
            if (ark == null) {
                ark = fromSources.get(1);
            }
        }
        VerifiedChain chain = validator.validate(product, vek, intermediate, ark, clock.instant(), crls(product, type));
        if (chainsByVek.size() >= settings.chainCacheSize()) {
            chainsByVek.clear();
            vekByChipAndTcb.clear();
        }
        chainsByVek.put(key, chain);
        return chain;
    }

    /** The product from the VEK's productName, cross-checked against the report's CPUID when present. */
    private static SnpProduct product(SnpReport report, VekCertificate vek) throws ProductMismatchException {
        Optional<SnpProduct> fromCert = vek.product();
        if (fromCert.isEmpty()) {
            String issuer = SnpCertificates.commonName(vek.certificate().getIssuerX500Principal());
            fromCert = SnpProduct.fromName(issuer.substring(issuer.lastIndexOf('-') + 1));
        }
        if (fromCert.isPresent() && report.product().isPresent() && fromCert.get() != report.product().get()) {
            throw new ProductMismatchException("report comes from a " + report.product().get() + " processor but its "
                    + vek.type() + " names " + vek.productName().orElse(fromCert.get().kdsName()));
        }
        return fromCert.or(report::product).orElseThrow(() ->
                new ProductMismatchException("neither the report nor its " + vek.type() + " names a known processor generation"));
    }

    private static Optional<X509Certificate> supplied(List<SnpCertEntry> table, SnpCertType type) throws SnpReportFormatException {
        for (SnpCertEntry entry : table) {
            if (entry.type() == type) {
                try {
                    return Optional.of(SnpCertificates.readOne(entry.data()));
                } catch (CertificateException e) {
                    throw new SnpReportFormatException(type + " in the certificate table does not parse", e);
                }
            }
        }
        return Optional.empty();
    }

    /** [intermediate, ARK] from the first source that has the product's chain. */
    private List<X509Certificate> chainFromSources(SnpProduct product, VekType type) throws VerificationException {
        for (SnpCollateralSource source : sources) {
            Optional<byte[]> pem = fetch(() -> source.certChain(product, type), source);
            if (pem.isEmpty()) {
                continue;
            }
            List<X509Certificate> certs;
            try {
                certs = SnpCertificates.readAll(pem.get());
            } catch (CertificateException e) {
                throw new SnpCollateralUnavailableException("certificate chain of " + product + " in " + source.describe() + " does not parse", e);
            }
            X509Certificate ark = certs.stream().filter(c -> c.getSubjectX500Principal().equals(c.getIssuerX500Principal())).findFirst()
                    .orElseThrow(() -> new SnpCollateralUnavailableException("certificate chain of " + product + " in " + source.describe() + " has no ARK"));
            X509Certificate intermediate = certs.stream().filter(c -> c != ark).findFirst()
                    .orElseThrow(() -> new SnpCollateralUnavailableException("certificate chain of " + product + " in " + source.describe()
                            + " has no " + (type == VekType.VCEK ? "ASK" : "ASVK")));
            return List.of(intermediate, ark);
        }
        throw new SnpCollateralUnavailableException("no " + (type == VekType.VCEK ? "ASK" : "ASVK") + "/ARK chain for " + product
                + (sources.isEmpty() ? ": the evidence carries none and no collateral source is configured"
                : " in the evidence or " + String.join(", ", sources.stream().map(SnpCollateralSource::describe).toList())));
    }

    private List<X509CRL> crls(SnpProduct product, VekType type) throws VerificationException {
        if (settings.crlPolicy() == CrlPolicy.IGNORE) {
            return List.of();
        }
        for (SnpCollateralSource source : sources) {
            Optional<byte[]> crl = fetch(() -> source.crl(product, type), source);
            if (crl.isPresent()) {
                try {
                    return List.of(SnpCertificates.readCrl(crl.get()));
                } catch (CRLException e) {
                    throw new SnpCollateralUnavailableException("CRL of " + product + " in " + source.describe() + " does not parse", e);
                }
            }
        }
        if (settings.crlPolicy() == CrlPolicy.REQUIRE) {
            throw new SnpCollateralUnavailableException("no CRL for " + product + " is available and CRLs are required");
        }
        return List.of();
    }

    private interface Fetch {
        Optional<byte[]> get() throws IOException;
    }

    private static Optional<byte[]> fetch(Fetch fetch, SnpCollateralSource source) throws SnpCollateralUnavailableException {
        try {
            return fetch.get();
        } catch (IOException e) {
            throw new SnpCollateralUnavailableException("cannot read collateral from " + source.describe() + ": " + e.getMessage(), e);
        }
    }

    private static String fingerprint(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
