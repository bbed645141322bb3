package io.coco4j.verifier.eventlog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.tee.eventlog.CcEventLog;
import io.coco4j.protocol.tee.eventlog.EventLogFormatException;
import io.coco4j.protocol.tee.eventlog.TcgDigest;
import io.coco4j.protocol.tee.eventlog.TcgEvent;
import io.coco4j.protocol.tee.eventlog.TcgEventType;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * The reference's {@code uefi_event_logs} claim: one object per event with its register index,
 * type name, digests (hex), raw data (base64), parsed details, and whether the digests are the
 * hash of the data. Attestation-agent runtime events (AAEL) appear as {@code EV_EVENT_TAG} entries
 * whose {@code details.data} holds {@code domain}, {@code operation} and {@code content}.
 */
public final class EventLogClaims {

    /** Event types whose digest is, by the PC Client profile, the hash of the event data itself. */
    private static final Set<TcgEventType> DATA_MEASURED = EnumSet.of(TcgEventType.EV_EFI_ACTION, TcgEventType.EV_SEPARATOR,
            TcgEventType.EV_EFI_VARIABLE_AUTHORITY, TcgEventType.EV_EFI_GPT_EVENT, TcgEventType.EV_EVENT_TAG,
            TcgEventType.EV_EFI_VARIABLE_DRIVER_CONFIG);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EventLogClaims() {
    }

    /** Parses raw CCEL bytes. */
    public static CcEventLog parse(byte[] ccel) throws MalformedEventLogException {
        try {
            return CcEventLog.parse(ccel);
        } catch (EventLogFormatException e) {
            throw new MalformedEventLogException("CC event log: " + e.getMessage());
        }
    }

    /** The {@code uefi_event_logs} array. */
    public static ArrayNode uefiEventLogs(CcEventLog log) throws MalformedEventLogException {
        ArrayNode out = NODES.arrayNode(log.events().size());
        int position = 0;
        for (TcgEvent event : log.events()) {
            ObjectNode entry = out.addObject();
            try {
                entry.set("details", EventDetails.of(event.type(), event.data()));
            } catch (EventDetailException e) {
                throw new MalformedEventLogException("CC event log event " + position + " (" + event.type() + "): " + e.getMessage());
            }
            entry.put("digest_matches_event", digestMatchesEvent(event));
            ArrayNode digests = entry.putArray("digests");
            for (TcgDigest digest : event.digests()) {
                digests.addObject().put("alg", digest.algorithm().displayName()).put("digest", HexFormat.of().formatHex(digest.digest()));
            }
            entry.put("event", Base64.getEncoder().encodeToString(event.data()));
            entry.put("index", Integer.toUnsignedLong(event.index()));
            entry.put("type_name", event.type().name());
            position++;
        }
        return out;
    }

    /** For data-measured event types: every digest equals the hash of the event data. */
    static boolean digestMatchesEvent(TcgEvent event) {
        if (!DATA_MEASURED.contains(event.type()) || event.digests().isEmpty()) {
            return false;
        }
        byte[] data = event.data();
        for (TcgDigest digest : event.digests()) {
            if (!digest.algorithm().isHash() || !MessageDigest.isEqual(digest.algorithm().digest(data), digest.digest())) {
                return false;
            }
        }
        return true;
    }
}
