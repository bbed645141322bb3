package io.coco4j.protocol.tee.dcap;

/**
 * One fixed-size field of a binary structure. A structure declares its fields as an enum in wire
 * order, exactly as Intel's tables list them; {@link StructLayout} derives the offsets.
 */
public interface StructField {

    /** The field's size in bytes. */
    int size();
}
