package io.coco4j.verifier.snp;

import io.coco4j.protocol.tee.snp.SnpProduct;
import io.coco4j.protocol.testing.TestVectors;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/** Lays out a collateral directory in a temporary folder from the AMD roots in the shared vectors. */
public final class AmdCollateral {

    private AmdCollateral() {
    }

    /** [ASK, ARK, ASVK] of a product, in the vector file's order. */
    static List<X509Certificate> roots(SnpProduct product) throws Exception {
        Path pem = TestVectors.resolve("snp/amd-roots/" + product.kdsName().toLowerCase() + "_ask_ark_asvk.pem");
        return SnpCertificates.readAll(Files.readAllBytes(pem));
    }

    /** A directory with every product's ASK/ARK and ASVK/ARK chains. */
    public static Path directory(Path tmp) throws Exception {
        for (SnpProduct product : SnpProduct.values()) {
            List<X509Certificate> roots = roots(product);
            write(CollateralDirectory.certChainPath(tmp, product, VekType.VCEK), SnpCertificates.toPem(List.of(roots.get(0), roots.get(1))));
            write(CollateralDirectory.certChainPath(tmp, product, VekType.VLEK), SnpCertificates.toPem(List.of(roots.get(2), roots.get(1))));
        }
        return tmp;
    }

    static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    static void write(Path file, byte[] bytes) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }
}
