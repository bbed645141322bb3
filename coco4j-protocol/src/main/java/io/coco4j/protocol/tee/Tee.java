package io.coco4j.protocol.tee;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;

/** TEE names as they appear on the wire (the reference's {@code kbs-types} serde names). */
public enum Tee {
    AZ_SNP_VTPM("az-snp-vtpm", TeeClass.CPU),
    AZ_TDX_VTPM("az-tdx-vtpm", TeeClass.CPU),
    NVIDIA("nvidia", TeeClass.GPU),
    SGX("sgx", TeeClass.CPU),
    SNP("snp", TeeClass.CPU),
    TDX("tdx", TeeClass.CPU),
    CCA("cca", TeeClass.CPU),
    CSV("csv", TeeClass.CPU),
    SE("se", TeeClass.CPU),
    HYGON_DCU("hygondcu", TeeClass.DCU),
    TPM("tpm", TeeClass.CPU),
    SAMPLE("sample", TeeClass.CPU),
    SAMPLE_DEVICE("sampledevice", TeeClass.GPU);

    private final String wireName;
    private final TeeClass teeClass;

    Tee(String wireName, TeeClass teeClass) {
        this.wireName = wireName;
        this.teeClass = teeClass;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The class that selects the attestation policy ({@code default_cpu}, {@code default_gpu}, …) and names the EAR submod. */
    public TeeClass teeClass() {
        return teeClass;
    }

    public static Optional<Tee> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    @JsonCreator
    static Tee parse(String name) {
        return fromWireName(name).orElseThrow(() -> new IllegalArgumentException("unknown TEE '" + name + "'"));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
