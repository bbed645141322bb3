package io.coco4j.verifier.nvidia;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A GPU attestation report: the SPDM 1.1 GET_MEASUREMENTS request the driver sent, then the
 * MEASUREMENTS response, whose trailing signature covers request and response up to itself.
 *
 * <pre>
 * request:  version(0x11) code(0xE0) param1 param2 nonce[32] slot_id               (37 bytes)
 * response: version(0x11) code(0x60) param1 param2 number_of_blocks u8
 *           record_length u24le record[record_length] nonce[32]
 *           opaque_length u16le opaque[opaque_length] signature[96]
 * record:   per block: index u8, spec u8 (1 = DMTF), size u16le,
 *           DMTF measurement: value_type u8, value_size u16le, value[value_size]
 * opaque:   per field: type u16le, size u16le, data[size]
 * </pre>
 *
 * The signature is located from the length fields, never assumed to be the buffer's tail, and no
 * byte may follow it (anything after the signature would be unsigned).
 *
 * @param requestNonce the requester's nonce: the verifier's report data for this device
 * @param measurements block index to DMTF measurement value
 * @param opaqueFields opaque data type to raw bytes, in report order
 * @param signedLength how many leading bytes the signature covers
 */
public record SpdmMeasurementReport(byte[] raw, byte[] requestNonce, SortedMap<Integer, byte[]> measurements,
                                    Map<Integer, byte[]> opaqueFields, int signedLength, byte[] signature) {

    public static final int REQUEST_LENGTH = 37;
    public static final int SIGNATURE_LENGTH = 96;
    private static final int SPDM_VERSION = 0x11;
    private static final int GET_MEASUREMENTS = 0xE0;
    private static final int MEASUREMENTS = 0x60;
    private static final int DMTF_SPECIFICATION = 0x01;

    public SpdmMeasurementReport {
        raw = raw.clone();
        requestNonce = requestNonce.clone();
        measurements = Collections.unmodifiableSortedMap(new TreeMap<>(measurements));
        opaqueFields = Collections.unmodifiableMap(new LinkedHashMap<>(opaqueFields));
        signature = signature.clone();
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    @Override
    public byte[] requestNonce() {
        return requestNonce.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    public static SpdmMeasurementReport parse(byte[] report) throws SpdmFormatException {
        Reader r = new Reader(report);
        // request
        r.expect(SPDM_VERSION, "request SPDM version");
        r.expect(GET_MEASUREMENTS, "request code GET_MEASUREMENTS");
        r.u8("request param1");
        r.u8("request param2");
        byte[] nonce = r.bytes(32, "request nonce");
        r.u8("request slot id");
        // response
        r.expect(SPDM_VERSION, "response SPDM version");
        r.expect(MEASUREMENTS, "response code MEASUREMENTS");
        r.u8("response param1");
        r.u8("response param2");
        int blocks = r.u8("number of blocks");
        int recordLength = r.u24("measurement record length");
        Reader record = new Reader(r.bytes(recordLength, "measurement record"));
        SortedMap<Integer, byte[]> measurements = new TreeMap<>();
        for (int i = 0; i < blocks; i++) {
            int index = record.u8("measurement block index");
            int specification = record.u8("measurement specification");
            if (specification != DMTF_SPECIFICATION) {
                throw new SpdmFormatException("measurement block " + index + " is not in the DMTF layout (specification " + specification + ")");
            }
            Reader measurement = new Reader(record.bytes(record.u16("measurement size"), "measurement"));
            measurement.u8("DMTF value type");
            byte[] value = measurement.bytes(measurement.u16("DMTF value size"), "DMTF value");
            measurement.end("DMTF measurement " + index);
            if (measurements.put(index, value) != null) {
                throw new SpdmFormatException("measurement block " + index + " appears twice");
            }
        }
        record.end("measurement record");
        r.bytes(32, "responder nonce");
        Reader opaque = new Reader(r.bytes(r.u16("opaque data length"), "opaque data"));
        Map<Integer, byte[]> fields = new LinkedHashMap<>();
        while (opaque.remaining() > 0) {
            int type = opaque.u16("opaque field type");
            byte[] data = opaque.bytes(opaque.u16("opaque field size"), "opaque field " + type);
            if (fields.put(type, data) != null) {
                throw new SpdmFormatException("opaque field " + type + " appears twice");
            }
        }
        int signedLength = r.position();
        byte[] signature = r.bytes(SIGNATURE_LENGTH, "signature");
        r.end("report");
        return new SpdmMeasurementReport(report, nonce, measurements, fields, signedLength, signature);
    }

    /** Bounds-checked little-endian reads; every overrun is a format error naming the field. */
    private static final class Reader {
        private final byte[] data;
        private int offset;

        Reader(byte[] data) {
            this.data = data;
        }

        int position() {
            return offset;
        }

        int remaining() {
            return data.length - offset;
        }

        private void need(int n, String what) throws SpdmFormatException {
            if (n > remaining()) {
                throw new SpdmFormatException("GPU attestation report is truncated in the " + what
                        + " (" + n + " bytes needed at offset " + offset + ", " + remaining() + " left)");
            }
        }

        int u8(String what) throws SpdmFormatException {
            need(1, what);
            return data[offset++] & 0xff;
        }

        int u16(String what) throws SpdmFormatException {
            need(2, what);
            int v = (data[offset] & 0xff) | (data[offset + 1] & 0xff) << 8;
            offset += 2;
            return v;
        }

        int u24(String what) throws SpdmFormatException {
            need(3, what);
            int v = (data[offset] & 0xff) | (data[offset + 1] & 0xff) << 8 | (data[offset + 2] & 0xff) << 16;
            offset += 3;
            return v;
        }

        byte[] bytes(int n, String what) throws SpdmFormatException {
            need(n, what);
            byte[] out = Arrays.copyOfRange(data, offset, offset + n);
            offset += n;
            return out;
        }

        void expect(int value, String what) throws SpdmFormatException {
            int got = u8(what);
            if (got != value) {
                throw new SpdmFormatException("GPU attestation report: " + what + " is 0x" + Integer.toHexString(got)
                        + ", expected 0x" + Integer.toHexString(value));
            }
        }

        void end(String what) throws SpdmFormatException {
            if (remaining() != 0) {
                throw new SpdmFormatException(remaining() + " unexpected bytes after the " + what);
            }
        }
    }
}
