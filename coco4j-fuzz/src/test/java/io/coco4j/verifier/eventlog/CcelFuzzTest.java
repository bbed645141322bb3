package io.coco4j.verifier.eventlog;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coco4j.fuzz.VectorSeeds;
import io.coco4j.protocol.tee.eventlog.CcEventLog;

/** A CCEL (TCG crypto-agile event log) and the per-event details the verifier derives from it. */
@VectorSeeds({"eventlog/trustee/CCEL_data*", "eventlog/trustee/CCEL_AAEL_alibabacloud", "eventlog/go-tdx-guest/ccel_data.dat"})
public class CcelFuzzTest {

    @FuzzTest
    public void fuzz(byte[] input) {
        try {
            CcEventLog log = EventLogClaims.parse(input);
            EventLogClaims.uefiEventLogs(log);
            log.encode();
        } catch (MalformedEventLogException expected) {
            // refused as documented
        }
    }
}
