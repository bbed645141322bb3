package io.coco4j.protocol.tee.snp;

/** One certificate-table entry: its type and DER bytes. */
public record SnpCertEntry(SnpCertType type, byte[] data) {

    public SnpCertEntry {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }
}
