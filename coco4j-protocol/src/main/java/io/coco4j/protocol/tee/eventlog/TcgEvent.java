package io.coco4j.protocol.tee.eventlog;

import java.util.List;

/**
 * One crypto-agile event ({@code TCG_PCR_EVENT2}). In a CC event log the index is the CC
 * measurement-register index: 0 is MRTD, 1–4 are RTMR0–3 on TDX.
 */
public record TcgEvent(int index, TcgEventType type, List<TcgDigest> digests, byte[] data) {

    public TcgEvent {
        digests = List.copyOf(digests);
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }
}
