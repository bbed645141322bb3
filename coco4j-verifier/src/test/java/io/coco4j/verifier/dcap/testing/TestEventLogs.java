package io.coco4j.verifier.dcap.testing;

import io.coco4j.protocol.tee.eventlog.CcEventLog;
import io.coco4j.protocol.tee.eventlog.TcgAlgorithm;
import io.coco4j.protocol.tee.eventlog.TcgDigest;
import io.coco4j.protocol.tee.eventlog.TcgEvent;
import io.coco4j.protocol.tee.eventlog.TcgEventType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small CC event logs for tests: a firmware action, a kernel command line (IPL) and an AAEL entry. */
public final class TestEventLogs {

    private TestEventLogs() {
    }

    public static CcEventLog sample() {
        List<TcgEvent> events = new ArrayList<>();
        events.add(measured(1, TcgEventType.EV_EFI_ACTION, "Calling EFI Application from Boot Option".getBytes(StandardCharsets.US_ASCII)));
        events.add(new TcgEvent(2, TcgEventType.EV_IPL,
                List.of(new TcgDigest(TcgAlgorithm.SHA384, TcgAlgorithm.SHA384.digest("kernel".getBytes(StandardCharsets.US_ASCII)))),
                "grub_kernel_cmdline /vmlinuz root=/dev/vda1\0".getBytes(StandardCharsets.US_ASCII)));
        events.add(measured(4, TcgEventType.EV_EVENT_TAG, aael("github.com/confidential-containers", "InitData", "{\"digest\":\"sha384:00\"}")));
        return new CcEventLog(Map.of(TcgAlgorithm.SHA384, 48), events);
    }

    static TcgEvent measured(int index, TcgEventType type, byte[] data) {
        return new TcgEvent(index, type, List.of(new TcgDigest(TcgAlgorithm.SHA384, TcgAlgorithm.SHA384.digest(data))), data);
    }

    /** An attestation-agent runtime event as the AA logs it: tagged event "AAEL" with {@code domain operation content}. */
    public static byte[] aael(String domain, String operation, String content) {
        byte[] text = (domain + " " + operation + " " + content).getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0x4141454C).putInt(text.length).put(text);
        return out.array();
    }

    /** RTMR0..3 after replaying the SHA-384 digests of {@code log}. */
    public static byte[][] rtmrs(CcEventLog log) {
        byte[][] out = new byte[4][48];
        for (TcgEvent event : log.events()) {
            int register = event.index() - 1;
            if (register < 0 || register > 3 || event.type() == TcgEventType.EV_NO_ACTION) {
                continue;
            }
            for (TcgDigest digest : event.digests()) {
                if (digest.algorithm() == TcgAlgorithm.SHA384) {
                    out[register] = TcgAlgorithm.SHA384.digest(out[register], digest.digest());
                }
            }
        }
        return out;
    }
}
