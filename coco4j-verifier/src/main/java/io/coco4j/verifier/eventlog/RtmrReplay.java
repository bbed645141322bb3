package io.coco4j.verifier.eventlog;

import io.coco4j.protocol.tee.eventlog.CcEventLog;
import io.coco4j.protocol.tee.eventlog.TcgAlgorithm;
import io.coco4j.protocol.tee.eventlog.TcgDigest;
import io.coco4j.protocol.tee.eventlog.TcgEvent;
import io.coco4j.protocol.tee.eventlog.TcgEventType;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Replays an event log into measurement registers: each register starts at zero and is extended
 * with {@code H(register || digest)} for every event of its index, in log order. EV_NO_ACTION
 * events are informational and never extended (TCG PC Client PFP §10.4.5).
 */
public final class RtmrReplay {

    /** CC measurement-register indices of RTMR0..RTMR3 on TDX (index 0 is MRTD). */
    public static final int FIRST_RTMR_INDEX = 1;
    public static final int RTMR_COUNT = 4;

    private RtmrReplay() {
    }

    /** The value of CC measurement register {@code index} after replaying the {@code algorithm} digests. */
    public static byte[] replay(CcEventLog log, int index, TcgAlgorithm algorithm) {
        byte[] register = new byte[algorithm.digestSize()];
        for (TcgEvent event : log.events()) {
            if (event.index() != index || event.type() == TcgEventType.EV_NO_ACTION) {
                continue;
            }
            for (TcgDigest digest : event.digests()) {
                if (digest.algorithm() == algorithm) {
                    register = algorithm.digest(register, digest.digest());
                }
            }
        }
        return register;
    }

    /**
     * Requires the SHA-384 replay of RTMR0–3 to equal the report's registers.
     *
     * @param rtmrs the four 48-byte RTMRs from the signed report
     */
    public static void requireMatch(CcEventLog log, byte[][] rtmrs) throws RtmrReplayMismatchException {
        for (int i = 0; i < RTMR_COUNT; i++) {
            int index = FIRST_RTMR_INDEX + i;
            byte[] calculated = replay(log, index, TcgAlgorithm.SHA384);
            if (!MessageDigest.isEqual(calculated, rtmrs[i])) {
                HexFormat hex = HexFormat.of();
                throw new RtmrReplayMismatchException(index, "Eventlog does not pass measurement replay CC Event Log Measurement Register [index = "
                        + index + "]. Calculated value: " + hex.formatHex(calculated) + ", Given value: " + hex.formatHex(rtmrs[i]));
            }
        }
    }
}
