package io.coco4j.protocol.tee.eventlog;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A confidential-computing event log (the ACPI CCEL area, or any TCG2 crypto-agile log): the
 * {@code TCG_EfiSpecIdEvent} header that declares the digest sizes, then {@code TCG_PCR_EVENT2}
 * records until the end of the data or an erased area (all-zero or all-0xFF bytes).
 */
public final class CcEventLog {

    private static final byte[] SPEC_ID_SIGNATURE = "Spec ID Event03\0".getBytes(StandardCharsets.US_ASCII);
    /** Offset of {@code numberOfAlgorithms} inside the spec-ID event data. */
    private static final int SPEC_ID_ALGORITHMS_OFFSET = 24;

    private final Map<TcgAlgorithm, Integer> digestSizes;
    private final List<TcgEvent> events;

    public CcEventLog(Map<TcgAlgorithm, Integer> digestSizes, List<TcgEvent> events) {
        this.digestSizes = Collections.unmodifiableMap(new LinkedHashMap<>(digestSizes));
        this.events = List.copyOf(events);
    }

    /** The algorithms the header declares, with their digest sizes. */
    public Map<TcgAlgorithm, Integer> digestSizes() {
        return digestSizes;
    }

    /** The events after the spec-ID header, in log order. */
    public List<TcgEvent> events() {
        return events;
    }

    public static CcEventLog parse(byte[] log) throws EventLogFormatException {
        Cursor in = new Cursor(log);
        in.u32("spec-ID event PCR index");
        int firstType = in.u32("spec-ID event type");
        if (firstType != TcgEventType.EV_NO_ACTION.value()) {
            throw new EventLogFormatException(String.format(
                    "the log does not start with the spec-ID event (EV_NO_ACTION) but with event type 0x%x", firstType));
        }
        in.skip(20, "spec-ID event SHA-1 digest");
        int specSize = in.u32("spec-ID event size");
        Map<TcgAlgorithm, Integer> sizes = parseSpecId(in.bytes(specSize, "spec-ID event data"));

        List<TcgEvent> events = new ArrayList<>();
        while (in.remaining() > 0) {
            if (in.erasedFromHere()) {
                break;
            }
            int index = in.u32("event index");
            int typeValue = in.u32("event type");
            TcgEventType type = TcgEventType.of(typeValue).orElseThrow(() -> new EventLogFormatException(
                    String.format("unknown event type 0x%x at event %d", typeValue, events.size())));
            int count = in.u32("digest count");
            if (count < 0 || count > sizes.size()) {
                throw new EventLogFormatException("event " + events.size() + " declares " + Integer.toUnsignedString(count)
                        + " digests but the log has " + sizes.size() + " algorithms");
            }
            List<TcgDigest> digests = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int id = in.u16("digest algorithm");
                TcgAlgorithm algorithm = TcgAlgorithm.of(id).orElseThrow(() -> new EventLogFormatException(
                        String.format("unknown digest algorithm 0x%x at event %d", id, events.size())));
                Integer size = sizes.get(algorithm);
                if (size == null) {
                    throw new EventLogFormatException("event " + events.size() + " has a " + algorithm.displayName()
                            + " digest the spec-ID header does not declare");
                }
                digests.add(new TcgDigest(algorithm, in.bytes(size, "digest")));
            }
            int dataSize = in.u32("event data size");
            events.add(new TcgEvent(index, type, digests, in.bytes(dataSize, "event data")));
        }
        return new CcEventLog(sizes, events);
    }

    private static Map<TcgAlgorithm, Integer> parseSpecId(byte[] spec) throws EventLogFormatException {
        if (spec.length < SPEC_ID_ALGORITHMS_OFFSET + 4
                || !Arrays.equals(spec, 0, SPEC_ID_SIGNATURE.length, SPEC_ID_SIGNATURE, 0, SPEC_ID_SIGNATURE.length)) {
            throw new EventLogFormatException("the first event is not a TCG_EfiSpecIdEvent (\"Spec ID Event03\")");
        }
        Cursor in = new Cursor(spec);
        in.skip(SPEC_ID_ALGORITHMS_OFFSET, "spec-ID fields");
        int count = in.u32("number of algorithms");
        if (count <= 0 || count > 16) {
            throw new EventLogFormatException("the spec-ID event declares " + Integer.toUnsignedString(count) + " algorithms");
        }
        Map<TcgAlgorithm, Integer> sizes = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            int id = in.u16("algorithm id");
            int size = in.u16("digest size");
            TcgAlgorithm algorithm = TcgAlgorithm.of(id).orElseThrow(() -> new EventLogFormatException(
                    String.format("the spec-ID event declares unknown algorithm 0x%x", id)));
            sizes.put(algorithm, size);
        }
        int vendorSize = in.u8("vendor info size");
        in.skip(vendorSize, "vendor info");
        if (in.remaining() != 0) {
            throw new EventLogFormatException("the spec-ID event has " + in.remaining() + " bytes after its vendor info");
        }
        return sizes;
    }

    /**
     * The log's bytes: a spec-ID header declaring {@link #digestSizes()}, then the events, with
     * no padding. Attesters and tests use it to produce logs.
     */
    public byte[] encode() {
        ByteArrayOutputStream spec = new ByteArrayOutputStream();
        spec.writeBytes(SPEC_ID_SIGNATURE);
        writeU32(spec, 0); // platform class: client
        spec.write(0);     // spec version minor
        spec.write(2);     // spec version major
        spec.write(0);     // errata
        spec.write(2);     // uintn size: 64-bit
        writeU32(spec, digestSizes.size());
        digestSizes.forEach((algorithm, size) -> {
            writeU16(spec, algorithm.id());
            writeU16(spec, size);
        });
        spec.write(0); // no vendor info

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeU32(out, 0);
        writeU32(out, TcgEventType.EV_NO_ACTION.value());
        out.writeBytes(new byte[20]);
        writeU32(out, spec.size());
        out.writeBytes(spec.toByteArray());
        for (TcgEvent event : events) {
            writeU32(out, event.index());
            writeU32(out, event.type().value());
            writeU32(out, event.digests().size());
            for (TcgDigest digest : event.digests()) {
                writeU16(out, digest.algorithm().id());
                out.writeBytes(digest.digest());
            }
            byte[] data = event.data();
            writeU32(out, data.length);
            out.writeBytes(data);
        }
        return out.toByteArray();
    }

    private static void writeU16(ByteArrayOutputStream out, int value) {
        out.write(value & 0xFF);
        out.write((value >>> 8) & 0xFF);
    }

    private static void writeU32(ByteArrayOutputStream out, int value) {
        for (int i = 0; i < 4; i++) {
            out.write((value >>> (8 * i)) & 0xFF);
        }
    }

    /** Bounds-checked little-endian reads. */
    private static final class Cursor {
        private final byte[] data;
        private int position;

        Cursor(byte[] data) {
            this.data = data;
        }

        int remaining() {
            return data.length - position;
        }

        /** An erased log area (0x00 or 0xFF) ends the log. */
        boolean erasedFromHere() {
            int end = Math.min(data.length, position + 8);
            byte first = data[position];
            if (first != 0 && first != (byte) 0xFF) {
                return false;
            }
            for (int i = position; i < end; i++) {
                if (data[i] != first) {
                    return false;
                }
            }
            return true;
        }

        private void need(long count, String what) throws EventLogFormatException {
            if (count < 0 || count > remaining()) {
                throw new EventLogFormatException("the log ends inside the " + what + " at offset " + position
                        + " (" + Integer.toUnsignedString((int) count) + " bytes needed, " + remaining() + " left)");
            }
        }

        int u8(String what) throws EventLogFormatException {
            need(1, what);
            return data[position++] & 0xFF;
        }

        int u16(String what) throws EventLogFormatException {
            need(2, what);
            int value = (data[position] & 0xFF) | (data[position + 1] & 0xFF) << 8;
            position += 2;
            return value;
        }

        int u32(String what) throws EventLogFormatException {
            need(4, what);
            int value = (data[position] & 0xFF) | (data[position + 1] & 0xFF) << 8
                    | (data[position + 2] & 0xFF) << 16 | (data[position + 3] & 0xFF) << 24;
            position += 4;
            return value;
        }

        void skip(int count, String what) throws EventLogFormatException {
            need(count & 0xFFFFFFFFL, what);
            position += count;
        }

        byte[] bytes(int count, String what) throws EventLogFormatException {
            need(count & 0xFFFFFFFFL, what);
            byte[] out = Arrays.copyOfRange(data, position, position + count);
            position += count;
            return out;
        }
    }
}
