package io.coco4j.verifier.snp;

import io.coco4j.protocol.tee.snp.SnpProduct;
import io.coco4j.protocol.tee.snp.SnpReport;
import io.coco4j.protocol.tee.snp.TcbVersion;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fills a collateral directory from AMD's key server (or a mirror of it) so verification can run
 * offline: each product's certificate chains and CRLs, and the VCEK of given chips and TCBs. Each
 * file is parsed before it is written, and written atomically, so a half-fetched or garbled
 * response never lands in the directory.
 */
public final class KdsCollateralFetcher {

    private final KdsClient kds;

    public KdsCollateralFetcher(KdsClient kds) {
        this.kds = kds;
    }

    /** One VCEK to fetch: the chip and TCB of a report. */
    public record VcekRequest(SnpProduct product, byte[] chipId, TcbVersion tcb) {
        public VcekRequest {
            chipId = chipId.clone();
        }

        /** The chip and reported TCB of {@code report}; its product from CPUID, else {@code fallback}. */
        public static VcekRequest of(SnpReport report, Optional<SnpProduct> fallback) {
            SnpProduct product = report.product().or(() -> fallback).orElseThrow(() ->
                    new IllegalArgumentException("report version " + report.version() + " names no processor generation; give the product"));
            return new VcekRequest(product, report.chipId(), report.reportedTcb());
        }
    }

    /**
     * Fetches the VCEK and VLEK chains and CRLs of {@code products}, and each requested VCEK.
     *
     * @return the files written, relative to {@code dir}
     * @throws IOException on a network or file error, or when the server answers garbage
     */
    public List<Path> fetch(Path dir, Set<SnpProduct> products, List<VcekRequest> vceks) throws IOException {
        List<Path> written = new ArrayList<>();
        for (SnpProduct product : products) {
            for (VekType type : VekType.values()) {
                Optional<byte[]> chain = kds.certChain(product, type);
                if (chain.isEmpty()) {
                    throw new IOException("key server has no " + type.kdsSegment() + " certificate chain for " + product);
                }
                try {
                    SnpCertificates.readAll(chain.get());
                } catch (CertificateException e) {
                    throw new IOException("certificate chain of " + product + " from the key server does not parse", e);
                }
                written.add(write(dir, CollateralDirectory.certChainPath(dir, product, type), chain.get()));
                Optional<byte[]> crl = kds.crl(product, type);
                if (crl.isPresent()) {
                    try {
                        SnpCertificates.readCrl(crl.get());
                    } catch (CRLException e) {
                        throw new IOException("CRL of " + product + " from the key server does not parse", e);
                    }
                    written.add(write(dir, CollateralDirectory.crlPath(dir, product, type), crl.get()));
                }
            }
        }
        for (VcekRequest request : vceks) {
            Optional<byte[]> vcek = kds.vcek(request.product(), request.chipId(), request.tcb());
            if (vcek.isEmpty()) {
                throw new IOException("key server has no VCEK for that chip at TCB " + request.tcb());
            }
            try {
                VekCertificate.parse(vcek.get());
            } catch (CertificateException e) {
                throw new IOException("VCEK from the key server does not parse", e);
            }
            written.add(write(dir, CollateralDirectory.vcekPath(dir, request.product(), request.chipId(), request.tcb()), vcek.get()));
        }
        return written;
    }

    private static Path write(Path dir, Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".fetch", ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return dir.relativize(file);
    }
}
