package io.coco4j.verifier.dcap;

import io.coco4j.protocol.tee.dcap.DcapQuote;
import io.coco4j.protocol.tee.dcap.EnclaveReport;
import io.coco4j.protocol.tee.dcap.TdReport;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * TCB level selection as Intel's Quote Verification Library does it.
 *
 * <ol>
 * <li>Platform: the first TCB level (levels are in descending order) whose 16 SGX component SVNs
 * and PCESVN are each at most the PCK certificate's; for TDX also whose 16 TDX component SVNs are
 * at most TEE_TCB_SVN's, skipping the first two bytes (module SVN and version) when the TDX module
 * version TEE_TCB_SVN[1] is not 0.</li>
 * <li>TDX module: version 0 is checked against {@code tdxModule}; other versions against the
 * {@code tdxModuleIdentities} entry {@code TDX_<version>} (MRSIGNERSEAM, masked SEAM attributes)
 * and its first TCB level whose ISV SVN is at most TEE_TCB_SVN[0].</li>
 * <li>Quoting Enclave: MISCSELECT and ATTRIBUTES under their masks, MRSIGNER and ISVPRODID, then
 * the first QE TCB level whose ISV SVN is at most the QE's.</li>
 * <li>Convergence: an OutOfDate QE or module turns UpToDate/SWHardeningNeeded into OutOfDate and
 * the ConfigurationNeeded statuses into OutOfDateConfigurationNeeded; Revoked wins.</li>
 * <li>TD relaunch: for a TDX 1.5 TD whose TEE_TCB_SVN2 (the TCB after a TD-preserving update)
 * differs from the launch TCB, an OutOfDate result that would be current under TEE_TCB_SVN2 is
 * reported as TDRelaunchAdvised (ConfigurationNeeded).</li>
 * </ol>
 */
final class TcbEvaluator {

    private TcbEvaluator() {
    }

    static TcbEvaluation evaluate(DcapQuote quote, PckExtensions pck, TcbInfo tcbInfo, EnclaveIdentity qeIdentity)
            throws TcbLevelNotFoundException, QeIdentityMismatchException, TdxModuleMismatchException {
        EnclaveTcbLevel qeLevel = qeLevel(quote.signatureData().qeCertification().qeReport(), qeIdentity);
        if (!(quote.body() instanceof TdReport td)) {
            TcbLevel platform = platformLevel(tcbInfo, pck, null);
            return result(platform, Optional.empty(), qeLevel);
        }
        byte[] teeTcbSvn = td.teeTcbSvn();
        TcbEvaluation atLaunch = tdx(tcbInfo, pck, td, teeTcbSvn, qeLevel);
        if (td.tdx15() && (atLaunch.status() == TcbStatus.OUT_OF_DATE || atLaunch.status() == TcbStatus.OUT_OF_DATE_CONFIGURATION_NEEDED)) {
            byte[] current = td.field(TdReport.Field.TEE_TCB_SVN_2);
            if (!Arrays.equals(current, teeTcbSvn)) {
                Optional<TcbEvaluation> updated = tryTdx(tcbInfo, pck, td, current, qeLevel);
                if (updated.isPresent()) {
                    TcbStatus status = updated.get().status();
                    if (status == TcbStatus.UP_TO_DATE || status == TcbStatus.SW_HARDENING_NEEDED) {
                        return relaunch(atLaunch, TcbStatus.TD_RELAUNCH_ADVISED);
                    }
                    if (status == TcbStatus.CONFIGURATION_NEEDED || status == TcbStatus.CONFIGURATION_AND_SW_HARDENING_NEEDED) {
                        return relaunch(atLaunch, TcbStatus.TD_RELAUNCH_ADVISED_CONFIGURATION_NEEDED);
                    }
                }
            }
        }
        return atLaunch;
    }

    private static TcbEvaluation relaunch(TcbEvaluation atLaunch, TcbStatus status) {
        return new TcbEvaluation(status, atLaunch.advisoryIds(), atLaunch.tcbDate(), atLaunch.platformLevel(),
                atLaunch.tdxModuleLevel(), atLaunch.qeLevel());
    }

    private static Optional<TcbEvaluation> tryTdx(TcbInfo tcbInfo, PckExtensions pck, TdReport td, byte[] teeTcbSvn, EnclaveTcbLevel qeLevel) {
        try {
            return Optional.of(tdx(tcbInfo, pck, td, teeTcbSvn, qeLevel));
        } catch (TcbLevelNotFoundException | TdxModuleMismatchException e) {
            return Optional.empty();
        }
    }

    private static TcbEvaluation tdx(TcbInfo tcbInfo, PckExtensions pck, TdReport td, byte[] teeTcbSvn, EnclaveTcbLevel qeLevel)
            throws TcbLevelNotFoundException, TdxModuleMismatchException {
        Optional<EnclaveTcbLevel> module = tdxModuleLevel(tcbInfo, td, teeTcbSvn);
        TcbLevel platform = platformLevel(tcbInfo, pck, teeTcbSvn);
        return result(platform, module, qeLevel);
    }

    private static TcbEvaluation result(TcbLevel platform, Optional<EnclaveTcbLevel> module, EnclaveTcbLevel qeLevel) {
        TcbStatus status = converge(platform.status(), qeLevel.status());
        if (module.isPresent()) {
            status = converge(status, module.get().status());
        }
        Set<String> advisories = new LinkedHashSet<>(platform.advisoryIds());
        module.ifPresent(level -> advisories.addAll(level.advisoryIds()));
        advisories.addAll(qeLevel.advisoryIds());
        Instant date = platform.tcbDate().isBefore(qeLevel.tcbDate()) ? platform.tcbDate() : qeLevel.tcbDate();
        return new TcbEvaluation(status, List.copyOf(advisories), date, platform, module, qeLevel);
    }

    /** QVL's convergence of the platform status with a QE or TDX-module status. */
    static TcbStatus converge(TcbStatus platform, TcbStatus component) {
        if (component == TcbStatus.REVOKED) {
            return TcbStatus.REVOKED;
        }
        if (component == TcbStatus.OUT_OF_DATE) {
            return switch (platform) {
                case UP_TO_DATE, SW_HARDENING_NEEDED -> TcbStatus.OUT_OF_DATE;
                case CONFIGURATION_NEEDED, CONFIGURATION_AND_SW_HARDENING_NEEDED -> TcbStatus.OUT_OF_DATE_CONFIGURATION_NEEDED;
                default -> platform;
            };
        }
        return platform;
    }

    static TcbLevel platformLevel(TcbInfo tcbInfo, PckExtensions pck, byte[] teeTcbSvn) throws TcbLevelNotFoundException {
        int[] cpu = pck.tcbComponents();
        int firstTdx = teeTcbSvn != null && (teeTcbSvn[1] & 0xFF) > 0 ? 2 : 0;
        for (TcbLevel level : tcbInfo.tcbLevels()) {
            if (pck.pceSvn() < level.pceSvn() || !atLeast(cpu, level.sgxComponents(), 0)) {
                continue;
            }
            if (teeTcbSvn != null) {
                int[] required = level.tdxComponents().orElseThrow(() -> new TcbLevelNotFoundException(
                        "a TCB level of the TDX TCB info has no TDX components"));
                int[] tdx = new int[16];
                for (int i = 0; i < 16; i++) {
                    tdx[i] = teeTcbSvn[i] & 0xFF;
                }
                if (!atLeast(tdx, required, firstTdx)) {
                    continue;
                }
            }
            return level;
        }
        throw new TcbLevelNotFoundException("no TCB level of FMSPC " + HexFormat.of().withUpperCase().formatHex(tcbInfo.fmspc())
                + " is met by the platform (PCESVN " + pck.pceSvn() + ", SGX components " + Arrays.toString(cpu)
                + (teeTcbSvn == null ? "" : ", TEE_TCB_SVN " + HexFormat.of().formatHex(teeTcbSvn)) + ")");
    }

    private static boolean atLeast(int[] actual, int[] required, int from) {
        for (int i = from; i < required.length; i++) {
            if (actual[i] < required[i]) {
                return false;
            }
        }
        return true;
    }

    static Optional<EnclaveTcbLevel> tdxModuleLevel(TcbInfo tcbInfo, TdReport td, byte[] teeTcbSvn)
            throws TdxModuleMismatchException, TcbLevelNotFoundException {
        int version = teeTcbSvn[1] & 0xFF;
        int isvSvn = teeTcbSvn[0] & 0xFF;
        if (version == 0) {
            if (tcbInfo.tdxModule().isPresent()) {
                requireModule(tcbInfo.tdxModule().get(), td, "tdxModule");
            }
            return Optional.empty();
        }
        String id = String.format("TDX_%02X", version);
        TdxModuleIdentity identity = tcbInfo.tdxModuleIdentities().stream().filter(m -> m.id().equalsIgnoreCase(id)).findFirst()
                .orElseThrow(() -> new TdxModuleMismatchException("the TCB info has no identity " + id + " for TDX module version " + version));
        requireModule(identity, td, id);
        for (EnclaveTcbLevel level : identity.tcbLevels()) {
            if (level.isvSvn() <= isvSvn) {
                return Optional.of(level);
            }
        }
        throw new TcbLevelNotFoundException("no TCB level of TDX module " + id + " is met by its SVN " + isvSvn);
    }

    private static void requireModule(TdxModuleIdentity module, TdReport td, String name) throws TdxModuleMismatchException {
        if (!Arrays.equals(module.mrSigner(), td.mrSignerSeam())) {
            throw new TdxModuleMismatchException("MRSIGNERSEAM " + HexFormat.of().formatHex(td.mrSignerSeam())
                    + " is not the signer of " + name);
        }
        if (!maskedEqual(td.seamAttributes(), module.attributesMask(), module.attributes())) {
            throw new TdxModuleMismatchException("SEAM attributes " + HexFormat.of().formatHex(td.seamAttributes())
                    + " do not match those of " + name + " under its mask");
        }
    }

    static EnclaveTcbLevel qeLevel(EnclaveReport qe, EnclaveIdentity identity) throws QeIdentityMismatchException, TcbLevelNotFoundException {
        if ((qe.miscSelect() & identity.miscSelectMask()) != (identity.miscSelect() & identity.miscSelectMask())) {
            throw new QeIdentityMismatchException("the QE's MISCSELECT does not match the " + identity.id() + " identity");
        }
        if (!maskedEqual(qe.attributes(), identity.attributesMask(), identity.attributes())) {
            throw new QeIdentityMismatchException("the QE's ATTRIBUTES do not match the " + identity.id() + " identity");
        }
        if (!Arrays.equals(qe.mrSigner(), identity.mrSigner())) {
            throw new QeIdentityMismatchException("the QE's MRSIGNER is not the " + identity.id() + " signer");
        }
        if (qe.isvProdId() != identity.isvProdId()) {
            throw new QeIdentityMismatchException("the QE's ISVPRODID " + qe.isvProdId() + " is not " + identity.isvProdId());
        }
        for (EnclaveTcbLevel level : identity.tcbLevels()) {
            if (level.isvSvn() <= qe.isvSvn()) {
                return level;
            }
        }
        throw new TcbLevelNotFoundException("no " + identity.id() + " TCB level is met by the QE's ISVSVN " + qe.isvSvn());
    }

    private static boolean maskedEqual(byte[] actual, byte[] mask, byte[] expected) {
        for (int i = 0; i < mask.length; i++) {
            if ((actual[i] & mask[i]) != (expected[i] & mask[i])) {
                return false;
            }
        }
        return true;
    }
}
