package io.coco4j.guest.attester.snp;

import io.coco4j.guest.attester.EvidenceException;
import io.coco4j.protocol.tee.snp.SnpCertEntry;
import io.coco4j.protocol.tee.snp.SnpCertType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The certificate table of an extended SNP report (GHCB specification): entries of a 16-byte GUID,
 * a little-endian {@code u32} offset from the table's start and a {@code u32} length, ended by an
 * all-zero entry, followed by the certificates. The kernel hands it out as configfs-tsm's
 * {@code auxblob} or through {@code SNP_GET_EXT_REPORT}.
 */
public final class SnpCertTable {

    private static final int ENTRY_LENGTH = 24;

    static final Map<UUID, SnpCertType> TYPES = Map.of(
            UUID.fromString("c0b406a4-a803-4952-9743-3fb6014cd0ae"), SnpCertType.ARK,
            UUID.fromString("4ab7b379-bbac-4fe4-a02f-05aef327c782"), SnpCertType.ASK,
            UUID.fromString("63da758d-e664-4564-adc5-f4b93be8accd"), SnpCertType.VCEK,
            UUID.fromString("a8074bc2-a25a-483e-aae6-39c045a0b8a1"), SnpCertType.VLEK,
            UUID.fromString("92f81bc3-5811-4d3d-97ff-d19f88dc67ea"), SnpCertType.CRL);

    private SnpCertTable() {
    }

    /** The known entries of a table (entries of unknown GUID are skipped), in table order. */
    public static List<SnpCertEntry> parse(byte[] table) throws EvidenceException {
        ByteBuffer buffer = ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN);
        List<SnpCertEntry> entries = new ArrayList<>();
        for (int at = 0; ; at += ENTRY_LENGTH) {
            if (at + ENTRY_LENGTH > table.length) {
                throw new EvidenceException("the SNP certificate table has no terminating entry");
            }
            long most = ByteBuffer.wrap(table, at, 8).getLong();
            long least = ByteBuffer.wrap(table, at + 8, 8).getLong();
            long offset = Integer.toUnsignedLong(buffer.getInt(at + 16));
            long length = Integer.toUnsignedLong(buffer.getInt(at + 20));
            if (most == 0 && least == 0) {
                return entries;
            }
            if (offset + length > table.length) {
                throw new EvidenceException("an SNP certificate table entry points outside the table");
            }
            SnpCertType type = TYPES.get(new UUID(most, least));
            if (type != null) {
                byte[] data = new byte[(int) length];
                System.arraycopy(table, (int) offset, data, 0, (int) length);
                entries.add(new SnpCertEntry(type, data));
            }
        }
    }

    /** Encodes entries as a table (what a host provides; used to build test platforms). */
    public static byte[] encode(List<SnpCertEntry> entries) {
        int header = (entries.size() + 1) * ENTRY_LENGTH;
        int total = header;
        for (SnpCertEntry entry : entries) {
            total += entry.data().length;
        }
        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        int offset = header;
        for (SnpCertEntry entry : entries) {
            UUID guid = TYPES.entrySet().stream().filter(e -> e.getValue() == entry.type()).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no GUID for " + entry.type())).getKey();
            out.order(ByteOrder.BIG_ENDIAN).putLong(guid.getMostSignificantBits()).putLong(guid.getLeastSignificantBits());
            out.order(ByteOrder.LITTLE_ENDIAN).putInt(offset).putInt(entry.data().length);
            offset += entry.data().length;
        }
        out.put(new byte[ENTRY_LENGTH]);
        for (SnpCertEntry entry : entries) {
            out.put(entry.data());
        }
        return out.array();
    }
}
