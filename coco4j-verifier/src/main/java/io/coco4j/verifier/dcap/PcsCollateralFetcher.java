package io.coco4j.verifier.dcap;

import io.coco4j.protocol.tee.dcap.DcapQuote;
import io.coco4j.protocol.tee.dcap.TeeType;
import io.coco4j.verifier.VerificationException;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Downloads collateral from Intel PCS or a PCCS into the {@link CollateralDirectory} layout, one
 * file per response plus the URL-decoded issuer-chain headers. Requests follow the PCS v4 API:
 * {@code /{sgx|tdx}/certification/v4/tcb?fmspc=&update=}, {@code …/qe/identity?update=},
 * {@code /sgx/certification/v4/pckcrl?ca=&encoding=der}, and the Root CA CRL from the root
 * certificate's CRL distribution point (PCS) or {@code /sgx/certification/v4/rootcacrl} (PCCS).
 * Nothing fetched is trusted: the verifier checks it like any other collateral.
 */
public final class PcsCollateralFetcher {

    private static final String PCS_HOST = "api.trustedservices.intel.com";

    private final URI service;
    private final TcbUpdateType updateType;
    private final HttpClient http;
    private final Duration timeout;

    public PcsCollateralFetcher(URI service, TcbUpdateType updateType, HttpClient http, Duration timeout) {
        this.service = service;
        this.updateType = updateType;
        this.http = http;
        this.timeout = timeout;
    }

    /** A fetcher for Intel PCS with the given update type. */
    public static PcsCollateralFetcher intelPcs(TcbUpdateType updateType) {
        return new PcsCollateralFetcher(DcapSettings.INTEL_PCS, updateType,
                HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(30)).build(),
                Duration.ofSeconds(60));
    }

    /** What one fetch wrote. */
    public record FetchResult(TeeType tee, String fmspc, PckCaType ca, List<Path> files) {
        public FetchResult {
            files = List.copyOf(files);
        }
    }

    /** Fetches the collateral a quote needs (its TEE, and FMSPC and CA from its PCK certificate) into {@code directory}. */
    public FetchResult fetchForQuote(byte[] rawQuote, Path directory) throws VerificationException, IOException, InterruptedException {
        DcapQuote quote = QuoteSignatureVerifier.parse(rawQuote);
        PlatformId platform = PlatformId.of(quote);
        return fetch(quote.teeType(), platform.fmspc(), platform.ca(), directory);
    }

    /** Fetches TCB info, QE identity, the PCK CRL of {@code ca} and the Root CA CRL into {@code directory}. */
    public FetchResult fetch(TeeType tee, byte[] fmspc, PckCaType ca, Path directory) throws IOException, InterruptedException {
        CollateralDirectory layout = new CollateralDirectory(directory);
        String teePath = CollateralDirectory.teeDirectory(tee);
        String fmspcHex = HexFormat.of().withUpperCase().formatHex(fmspc);
        List<Path> written = new ArrayList<>();

        Response tcb = get(teePath + "/certification/v4/tcb?fmspc=" + fmspcHex + "&update=" + updateType.wireName());
        String tcbChain = tcb.header("TCB-Info-Issuer-Chain", "SGX-TCB-Info-Issuer-Chain")
                .orElseThrow(() -> new IOException("the TCB info response has no TCB-Info-Issuer-Chain header"));
        written.add(write(layout.tcbInfo(tee, fmspc), tcb.body()));
        written.add(write(CollateralDirectory.issuerChain(layout.tcbInfo(tee, fmspc)), tcbChain.getBytes(StandardCharsets.US_ASCII)));

        Response qe = get(teePath + "/certification/v4/qe/identity?update=" + updateType.wireName());
        String qeChain = qe.header("SGX-Enclave-Identity-Issuer-Chain", "Enclave-Identity-Issuer-Chain")
                .orElseThrow(() -> new IOException("the QE identity response has no SGX-Enclave-Identity-Issuer-Chain header"));
        written.add(write(layout.qeIdentity(tee), qe.body()));
        written.add(write(CollateralDirectory.issuerChain(layout.qeIdentity(tee)), qeChain.getBytes(StandardCharsets.US_ASCII)));

        Response crl = get("sgx/certification/v4/pckcrl?ca=" + ca.wireName() + "&encoding=der");
        written.add(write(layout.pckCrl(ca), crl.body()));
        Optional<String> crlChain = crl.header("SGX-PCK-CRL-Issuer-Chain");
        if (crlChain.isPresent()) {
            written.add(write(CollateralDirectory.issuerChain(layout.pckCrl(ca)), crlChain.get().getBytes(StandardCharsets.US_ASCII)));
        }

        written.add(write(layout.rootCaCrl(), rootCaCrl(qeChain)));
        return new FetchResult(tee, fmspcHex, ca, written);
    }

    private byte[] rootCaCrl(String issuerChain) throws IOException, InterruptedException {
        if (!PCS_HOST.equalsIgnoreCase(service.getHost())) {
            return get("sgx/certification/v4/rootcacrl").body();
        }
        List<X509Certificate> chain;
        try {
            chain = Certificates.parsePem(issuerChain);
        } catch (CertificateException e) {
            throw new IOException("cannot read the issuer chain to find the Root CA CRL: " + e.getMessage(), e);
        }
        X509Certificate root = chain.get(chain.size() - 1);
        URI crl = distributionPoint(root).orElseThrow(() -> new IOException("the root certificate names no CRL distribution point"));
        return send(crl).body();
    }

    private static Optional<URI> distributionPoint(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue("2.5.29.31");
        if (value == null) {
            return Optional.empty();
        }
        CRLDistPoint points = CRLDistPoint.getInstance(ASN1OctetString.getInstance(value).getOctets());
        for (DistributionPoint point : points.getDistributionPoints()) {
            DistributionPointName name = point.getDistributionPoint();
            if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
                    if (general.getTagNo() == GeneralName.uniformResourceIdentifier) {
                        return Optional.of(URI.create(general.getName().toString()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Response get(String path) throws IOException, InterruptedException {
        // endpoints are built from the service's origin, as the reference does
        return send(service.resolve("/" + path));
    }

    private Response send(URI uri) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + response.statusCode());
        }
        return new Response(response);
    }

    private static Path write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), ".fetch-", ".tmp");
        try {
            Files.write(temp, content);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return file;
    }

    private record Response(HttpResponse<byte[]> response) {
        byte[] body() {
            return response.body();
        }

        /** The first present header among the names, URL-decoded (PCS encodes the PEM chains). */
        Optional<String> header(String... names) {
            for (String name : names) {
                Optional<String> value = response.headers().firstValue(name);
                if (value.isPresent()) {
                    return Optional.of(PercentEncoding.decode(value.get()));
                }
            }
            return Optional.empty();
        }
    }
}
