package io.coco4j.protocol.tee.snp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The reference's serde form of an attestation report (the {@code sev} crate's {@code AttestationReport}):
 * scalars as numbers, byte arrays as arrays of numbers, TCB versions as {@code {fmc|null, bootloader, tee, snp, microcode}},
 * firmware versions as {@code {major, minor, build}}, the signature as {@code {r[72], s[72]}} little-endian.
 */
public final class SnpReportJson {

    private SnpReportJson() {
    }

    public static ObjectNode toJson(SnpReport r) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("version", Integer.toUnsignedLong(r.version()));
        o.put("guest_svn", Integer.toUnsignedLong(r.guestSvn()));
        putU64(o, "policy", r.policy().raw());
        putBytes(o, "family_id", r.familyId());
        putBytes(o, "image_id", r.imageId());
        o.put("vmpl", Integer.toUnsignedLong(r.vmpl()));
        o.put("sig_algo", Integer.toUnsignedLong(r.signatureAlgo()));
        o.set("current_tcb", tcb(r.currentTcb()));
        putU64(o, "plat_info", r.platformInfo().raw());
        o.put("key_info", Integer.toUnsignedLong(r.keyInfo().raw()));
        putBytes(o, "report_data", r.reportData());
        putBytes(o, "measurement", r.measurement());
        putBytes(o, "host_data", r.hostData());
        putBytes(o, "id_key_digest", r.idKeyDigest());
        putBytes(o, "author_key_digest", r.authorKeyDigest());
        putBytes(o, "report_id", r.reportId());
        putBytes(o, "report_id_ma", r.reportIdMa());
        o.set("reported_tcb", tcb(r.reportedTcb()));
        if (r.cpuid().isPresent()) {
            o.put("cpuid_fam_id", r.cpuid().get().family());
            o.put("cpuid_mod_id", r.cpuid().get().model());
            o.put("cpuid_step", r.cpuid().get().stepping());
        } else {
            o.putNull("cpuid_fam_id");
            o.putNull("cpuid_mod_id");
            o.putNull("cpuid_step");
        }
        putBytes(o, "chip_id", r.chipId());
        o.set("committed_tcb", tcb(r.committedTcb()));
        o.set("current", version(r.current()));
        o.set("committed", version(r.committed()));
        o.set("launch_tcb", tcb(r.launchTcb()));
        r.launchMitVector().ifPresent(v -> putU64(o, "launch_mit_vector", v));
        r.currentMitVector().ifPresent(v -> putU64(o, "current_mit_vector", v));
        ObjectNode sig = o.putObject("signature");
        putBytes(sig, "r", r.signature().r());
        putBytes(sig, "s", r.signature().s());
        return o;
    }

    public static SnpReport fromJson(JsonNode o) throws SnpFormatException {
        if (o == null || !o.isObject()) {
            throw new SnpFormatException("attestation_report is not a JSON object");
        }
        SnpReport.Builder b = SnpReport.builder()
                .version(u32(o, "version"))
                .guestSvn(u32(o, "guest_svn"))
                .policy(new SnpPolicy(u64(o, "policy")))
                .familyId(bytes(o, "family_id", SnpReportLayout.FAMILY_ID_LENGTH))
                .imageId(bytes(o, "image_id", SnpReportLayout.IMAGE_ID_LENGTH))
                .vmpl(u32(o, "vmpl"))
                .signatureAlgo(u32(o, "sig_algo"))
                .currentTcb(tcb(o, "current_tcb"))
                .platformInfo(new PlatformInfo(u64(o, "plat_info")))
                .keyInfo(new KeyInfo(u32(o, "key_info")))
                .reportData(bytes(o, "report_data", SnpReportLayout.REPORT_DATA_LENGTH))
                .measurement(bytes(o, "measurement", SnpReportLayout.MEASUREMENT_LENGTH))
                .hostData(bytes(o, "host_data", SnpReportLayout.HOST_DATA_LENGTH))
                .idKeyDigest(bytes(o, "id_key_digest", SnpReportLayout.ID_KEY_DIGEST_LENGTH))
                .authorKeyDigest(bytes(o, "author_key_digest", SnpReportLayout.AUTHOR_KEY_DIGEST_LENGTH))
                .reportId(bytes(o, "report_id", SnpReportLayout.REPORT_ID_LENGTH))
                .reportIdMa(bytes(o, "report_id_ma", SnpReportLayout.REPORT_ID_LENGTH))
                .reportedTcb(tcb(o, "reported_tcb"))
                .chipId(bytes(o, "chip_id", SnpReportLayout.CHIP_ID_LENGTH))
                .committedTcb(tcb(o, "committed_tcb"))
                .current(version(o, "current"))
                .committed(version(o, "committed"))
                .launchTcb(tcb(o, "launch_tcb"));
        JsonNode fam = o.get("cpuid_fam_id");
        if (fam != null && !fam.isNull()) {
            b.cpuid(new Cpuid(u8(o, "cpuid_fam_id"), u8(o, "cpuid_mod_id"), u8(o, "cpuid_step")));
        }
        b.launchMitVector(optionalU64(o, "launch_mit_vector"));
        b.currentMitVector(optionalU64(o, "current_mit_vector"));
        JsonNode sig = o.get("signature");
        if (sig == null || !sig.isObject()) {
            throw new SnpFormatException("attestation_report.signature is missing");
        }
        b.signature(new SnpSignature(bytes(sig, "r", SnpReportLayout.SIGNATURE_COMPONENT_LENGTH),
                bytes(sig, "s", SnpReportLayout.SIGNATURE_COMPONENT_LENGTH)));
        return b.build();
    }

    private static ObjectNode tcb(TcbVersion t) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (t.fmc().isPresent()) {
            o.put("fmc", t.fmc().getAsInt());
        } else {
            o.putNull("fmc");
        }
        o.put("bootloader", t.bootloader());
        o.put("tee", t.tee());
        o.put("snp", t.snp());
        o.put("microcode", t.microcode());
        return o;
    }

    private static TcbVersion tcb(JsonNode parent, String name) throws SnpFormatException {
        JsonNode o = parent.get(name);
        if (o == null || !o.isObject()) {
            throw new SnpFormatException("attestation_report." + name + " is not an object");
        }
        JsonNode fmc = o.get("fmc");
        OptionalInt f = fmc == null || fmc.isNull() ? OptionalInt.empty() : OptionalInt.of(u8(o, "fmc"));
        return new TcbVersion(f, u8(o, "bootloader"), u8(o, "tee"), u8(o, "snp"), u8(o, "microcode"));
    }

    private static ObjectNode version(FirmwareVersion v) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("major", v.major());
        o.put("minor", v.minor());
        o.put("build", v.build());
        return o;
    }

    private static FirmwareVersion version(JsonNode parent, String name) throws SnpFormatException {
        JsonNode o = parent.get(name);
        if (o == null || !o.isObject()) {
            throw new SnpFormatException("attestation_report." + name + " is not an object");
        }
        return new FirmwareVersion(u8(o, "major"), u8(o, "minor"), u8(o, "build"));
    }

    private static void putU64(ObjectNode o, String name, long value) {
        if (value >= 0) {
            o.put(name, value);
        } else {
            o.put(name, new java.math.BigInteger(Long.toUnsignedString(value)));
        }
    }

    static void putBytes(ObjectNode o, String name, byte[] value) {
        ArrayNode a = o.putArray(name);
        for (byte b : value) {
            a.add(b & 0xFF);
        }
    }

    /** A byte array member: an array of numbers 0..255 of {@code length} items ({@code -1}: any length). */
    static byte[] bytes(JsonNode parent, String name, int length) throws SnpFormatException {
        JsonNode a = parent.get(name);
        if (a == null || !a.isArray()) {
            throw new SnpFormatException("member " + name + " is not an array of bytes");
        }
        if (length >= 0 && a.size() != length) {
            throw new SnpFormatException("member " + name + " must have " + length + " bytes, got " + a.size());
        }
        byte[] out = new byte[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = a.get(i);
            if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 0 || v.intValue() > 255) {
                throw new SnpFormatException("member " + name + "[" + i + "] is not a byte");
            }
            out[i] = (byte) v.intValue();
        }
        return out;
    }

    private static long unsigned(JsonNode parent, String name, int bits) throws SnpFormatException {
        JsonNode v = parent.get(name);
        if (v == null || !v.isIntegralNumber() || v.bigIntegerValue().signum() < 0 || v.bigIntegerValue().bitLength() > bits) {
            throw new SnpFormatException("member " + name + " is not an unsigned " + bits + "-bit integer");
        }
        return v.bigIntegerValue().longValue();
    }

    private static int u8(JsonNode parent, String name) throws SnpFormatException {
        return (int) unsigned(parent, name, 8);
    }

    private static int u32(JsonNode parent, String name) throws SnpFormatException {
        return (int) unsigned(parent, name, 32);
    }

    private static long u64(JsonNode parent, String name) throws SnpFormatException {
        return unsigned(parent, name, 64);
    }

    private static OptionalLong optionalU64(JsonNode parent, String name) throws SnpFormatException {
        JsonNode v = parent.get(name);
        return v == null || v.isNull() ? OptionalLong.empty() : OptionalLong.of(u64(parent, name));
    }
}
