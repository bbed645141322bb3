package io.coco4j.verifier.snp;

import io.coco4j.protocol.tee.snp.SnpProduct;
import io.coco4j.protocol.tee.snp.TcbVersion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A collateral directory (see docs/collateral-snp.md): certificate chains and CRLs laid out like
 * AMD's key-server paths, VCEKs in the reference's offline-store layout.
 * <pre>
 *   vcek/v1/{Milan|Genoa|Turin}/cert_chain      ASK + ARK (PEM)
 *   vcek/v1/{product}/crl                       CRL (DER)
 *   vlek/v1/{product}/cert_chain                ASVK + ARK (PEM)
 *   vlek/v1/{product}/crl                       CRL (DER)
 *   vcek/{hwid}/{bl..}_vcek.der                 VCEK for one TCB (hwid: hex chip id, first 8 bytes on Turin)
 *   vcek/{hwid}/vcek.der                        VCEK, any TCB (the SPLs are still checked)
 * </pre>
 */
public final class CollateralDirectory implements SnpCollateralSource {

    private final Path root;

    public CollateralDirectory(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** The KDS / store hwid: hex of the chip id, only its first 8 bytes on Turin. */
    public static String hwid(SnpProduct product, byte[] chipId) {
        byte[] id = product == SnpProduct.TURIN ? java.util.Arrays.copyOf(chipId, 8) : chipId;
        return HexFormat.of().formatHex(id);
    }

    public static Path vcekPath(Path root, SnpProduct product, byte[] chipId, TcbVersion tcb) {
        return root.resolve("vcek").resolve(hwid(product, chipId)).resolve(tcb.filePrefix() + "_vcek.der");
    }

    public static Path certChainPath(Path root, SnpProduct product, VekType type) {
        return root.resolve(type.kdsSegment()).resolve("v1").resolve(product.kdsName()).resolve("cert_chain");
    }

    public static Path crlPath(Path root, SnpProduct product, VekType type) {
        return root.resolve(type.kdsSegment()).resolve("v1").resolve(product.kdsName()).resolve("crl");
    }

    @Override
    public Optional<byte[]> vcek(SnpProduct product, byte[] chipId, TcbVersion tcb) throws IOException {
        Optional<byte[]> exact = read(vcekPath(root, product, chipId, tcb));
        if (exact.isPresent()) {
            return exact;
        }
        return read(root.resolve("vcek").resolve(hwid(product, chipId)).resolve("vcek.der"));
    }

    @Override
    public Optional<byte[]> certChain(SnpProduct product, VekType type) throws IOException {
        return read(certChainPath(root, product, type));
    }

    @Override
    public Optional<byte[]> crl(SnpProduct product, VekType type) throws IOException {
        return read(crlPath(root, product, type));
    }

    private static Optional<byte[]> read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    }

    @Override
    public String describe() {
        return "collateral directory " + root;
    }
}
