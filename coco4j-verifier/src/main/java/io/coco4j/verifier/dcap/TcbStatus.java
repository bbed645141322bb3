package io.coco4j.verifier.dcap;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** TCB statuses of Intel's collateral and of the converged quote verification result, with Intel's names. */
public enum TcbStatus {
    UP_TO_DATE("UpToDate"),
    SW_HARDENING_NEEDED("SWHardeningNeeded"),
    CONFIGURATION_NEEDED("ConfigurationNeeded"),
    CONFIGURATION_AND_SW_HARDENING_NEEDED("ConfigurationAndSWHardeningNeeded"),
    OUT_OF_DATE("OutOfDate"),
    OUT_OF_DATE_CONFIGURATION_NEEDED("OutOfDateConfigurationNeeded"),
    TD_RELAUNCH_ADVISED("TDRelaunchAdvised"),
    TD_RELAUNCH_ADVISED_CONFIGURATION_NEEDED("TDRelaunchAdvisedConfigurationNeeded"),
    REVOKED("Revoked");

    private final String intelName;

    TcbStatus(String intelName) {
        this.intelName = intelName;
    }

    /** The name in collateral and in the {@code tcb_status} claim. */
    public String intelName() {
        return intelName;
    }

    public static Optional<TcbStatus> ofIntelName(String name) {
        for (TcbStatus status : values()) {
            if (status.intelName.equals(name)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** The quote verification results the reference accepts: every status but Revoked. */
    public static Set<TcbStatus> referenceAccepted() {
        return EnumSet.complementOf(EnumSet.of(REVOKED));
    }

    boolean needsConfiguration() {
        return this == CONFIGURATION_NEEDED || this == CONFIGURATION_AND_SW_HARDENING_NEEDED
                || this == OUT_OF_DATE_CONFIGURATION_NEEDED || this == TD_RELAUNCH_ADVISED_CONFIGURATION_NEEDED;
    }

    @Override
    public String toString() {
        return intelName;
    }
}
