package io.coco4j.verifier.dcap;

import io.coco4j.protocol.tee.dcap.TeeType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A collateral directory that fills itself from PCS/PCCS: collateral that is missing, or whose TCB
 * info, QE identity or CRLs are past their next update, is fetched into the directory first.
 * When the service cannot be reached, whatever the directory holds is used (and judged).
 */
final class FetchingCollateralSource implements CollateralSource {

    private static final Logger LOG = LoggerFactory.getLogger(FetchingCollateralSource.class);

    private final CollateralDirectory directory;
    private final PcsCollateralFetcher fetcher;
    private final Clock clock;

    FetchingCollateralSource(CollateralDirectory directory, PcsCollateralFetcher fetcher, Clock clock) {
        this.directory = directory;
        this.fetcher = fetcher;
        this.clock = clock;
    }

    @Override
    public IntelCollateral collateral(TeeType tee, byte[] fmspc, PckCaType ca) throws CollateralUnavailableException, MalformedCollateralException {
        IntelCollateral stored = null;
        try {
            stored = directory.collateral(tee, fmspc, ca);
            if (!stale(stored, clock.instant())) {
                return stored;
            }
        } catch (CollateralUnavailableException | MalformedCollateralException missing) {
            // fetch below
        }
        try {
            fetcher.fetch(tee, fmspc, ca, directory.root());
        } catch (IOException e) {
            LOG.warn("fetching Intel collateral for {} FMSPC {} failed: {}", tee, HexFormat.of().withUpperCase().formatHex(fmspc), e.getMessage());
            if (stored != null) {
                return stored;
            }
            throw new CollateralUnavailableException("no collateral for FMSPC " + HexFormat.of().withUpperCase().formatHex(fmspc)
                    + " in " + directory.root() + " and fetching it failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CollateralUnavailableException("interrupted while fetching collateral");
        }
        return directory.collateral(tee, fmspc, ca);
    }

    private static boolean stale(IntelCollateral collateral, Instant now) {
        try {
            if (now.isAfter(CollateralJson.tcbInfo(collateral.tcbInfo().body()).nextUpdate())
                    || now.isAfter(CollateralJson.enclaveIdentity(collateral.qeIdentity().body()).nextUpdate())) {
                return true;
            }
            for (byte[] encoded : new byte[][]{collateral.pckCrl(), collateral.rootCaCrl()}) {
                X509CRL crl = Certificates.parseCrl(encoded);
                if (crl.getNextUpdate() != null && now.isAfter(crl.getNextUpdate().toInstant())) {
                    return true;
                }
            }
            return false;
        } catch (MalformedCollateralException | CRLException | RuntimeException e) {
            return true;
        }
    }

    @Override
    public String describe() {
        return directory.describe() + " (filled from PCS)";
    }
}
