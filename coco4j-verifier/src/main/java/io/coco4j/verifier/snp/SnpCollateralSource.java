package io.coco4j.verifier.snp;

import io.coco4j.protocol.tee.snp.SnpProduct;
import io.coco4j.protocol.tee.snp.TcbVersion;

import java.io.IOException;
import java.util.Optional;

/**
 * Where AMD collateral comes from when the evidence does not carry it: a collateral directory
 * (offline), or AMD's key distribution service (online fallback). Every byte returned is untrusted
 * until the chain check accepts it.
 */
public interface SnpCollateralSource {

    /** The VCEK (DER) for a chip at a TCB. */
    Optional<byte[]> vcek(SnpProduct product, byte[] chipId, TcbVersion tcb) throws IOException;

    /** The intermediate and root, PEM or DER: ASK + ARK for {@link VekType#VCEK}, ASVK + ARK for {@link VekType#VLEK}. */
    Optional<byte[]> certChain(SnpProduct product, VekType type) throws IOException;

    /** The product's CRL (signed by the ARK), DER or PEM. */
    Optional<byte[]> crl(SnpProduct product, VekType type) throws IOException;

    /** A short description for error messages. */
    String describe();
}
