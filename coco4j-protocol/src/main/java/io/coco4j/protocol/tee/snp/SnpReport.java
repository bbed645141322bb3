package io.coco4j.protocol.tee.snp;

import static io.coco4j.protocol.tee.snp.SnpReportLayout.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An SEV-SNP ATTESTATION_REPORT, versions 2 to 5. Parsed from the firmware's 1184-byte layout
 * (the bytes are kept, so the signature is checked over exactly what was received, reserved
 * bytes included) or built field by field and encoded to that layout (the JSON evidence form has
 * to be re-encoded before its signature can be checked).
 */
public final class SnpReport {

    private final int version;
    private final int guestSvn;
    private final SnpPolicy policy;
    private final byte[] familyId;
    private final byte[] imageId;
    private final int vmpl;
    private final int signatureAlgo;
    private final TcbVersion currentTcb;
    private final PlatformInfo platformInfo;
    private final KeyInfo keyInfo;
    private final byte[] reportData;
    private final byte[] measurement;
    private final byte[] hostData;
    private final byte[] idKeyDigest;
    private final byte[] authorKeyDigest;
    private final byte[] reportId;
    private final byte[] reportIdMa;
    private final TcbVersion reportedTcb;
    private final Optional<Cpuid> cpuid;
    private final byte[] chipId;
    private final TcbVersion committedTcb;
    private final FirmwareVersion current;
    private final FirmwareVersion committed;
    private final TcbVersion launchTcb;
    private final OptionalLong launchMitVector;
    private final OptionalLong currentMitVector;
    private final SnpSignature signature;
    private final byte[] encoded;

    private SnpReport(Builder b, byte[] received) throws SnpFormatException {
        if (b.version < MIN_VERSION || b.version > MAX_VERSION) {
            throw new SnpFormatException("unsupported SNP report version " + b.version + " (supported: " + MIN_VERSION + " to " + MAX_VERSION + ")");
        }
        version = b.version;
        guestSvn = b.guestSvn;
        policy = require(b.policy, "policy");
        familyId = fixed(b.familyId, FAMILY_ID_LENGTH, "family_id");
        imageId = fixed(b.imageId, IMAGE_ID_LENGTH, "image_id");
        vmpl = b.vmpl;
        signatureAlgo = b.signatureAlgo;
        currentTcb = require(b.currentTcb, "current_tcb");
        platformInfo = require(b.platformInfo, "plat_info");
        keyInfo = require(b.keyInfo, "key_info");
        reportData = fixed(b.reportData, REPORT_DATA_LENGTH, "report_data");
        measurement = fixed(b.measurement, MEASUREMENT_LENGTH, "measurement");
        hostData = fixed(b.hostData, HOST_DATA_LENGTH, "host_data");
        idKeyDigest = fixed(b.idKeyDigest, ID_KEY_DIGEST_LENGTH, "id_key_digest");
        authorKeyDigest = fixed(b.authorKeyDigest, AUTHOR_KEY_DIGEST_LENGTH, "author_key_digest");
        reportId = fixed(b.reportId, REPORT_ID_LENGTH, "report_id");
        reportIdMa = fixed(b.reportIdMa, REPORT_ID_LENGTH, "report_id_ma");
        reportedTcb = require(b.reportedTcb, "reported_tcb");
        cpuid = b.cpuid == null ? Optional.empty() : Optional.of(b.cpuid);
        if (version >= 3 && cpuid.isEmpty()) {
            throw new SnpFormatException("SNP report version " + version + " must carry CPUID family/model/stepping");
        }
        chipId = fixed(b.chipId, CHIP_ID_LENGTH, "chip_id");
        committedTcb = require(b.committedTcb, "committed_tcb");
        current = require(b.current, "current");
        committed = require(b.committed, "committed");
        launchTcb = require(b.launchTcb, "launch_tcb");
        launchMitVector = b.launchMitVector;
        currentMitVector = b.currentMitVector;
        signature = require(b.signature, "signature");
        boolean turin = turinLayout();
        for (TcbVersion tcb : new TcbVersion[]{currentTcb, reportedTcb, committedTcb, launchTcb}) {
            if (tcb.fmc().isPresent() != turin) {
                throw new SnpFormatException("TCB " + tcb + (turin ? " lacks the FMC SPL a Turin report carries" : " has an FMC SPL, which only Turin reports carry"));
            }
        }
        encoded = received != null ? received.clone() : encode();
    }

    private static <T> T require(T value, String name) throws SnpFormatException {
        if (value == null) {
            throw new SnpFormatException("SNP report field " + name + " is missing");
        }
        return value;
    }

    private static byte[] fixed(byte[] value, int length, String name) throws SnpFormatException {
        if (value == null) {
            return new byte[length];
        }
        if (value.length != length) {
            throw new SnpFormatException("SNP report field " + name + " must be " + length + " bytes, got " + value.length);
        }
        return value.clone();
    }

    /** Parses the firmware layout; exactly 1184 bytes. */
    public static SnpReport parse(byte[] bytes) throws SnpFormatException {
        if (bytes == null || bytes.length != REPORT_LENGTH) {
            throw new SnpFormatException("SNP report must be " + REPORT_LENGTH + " bytes, got " + (bytes == null ? 0 : bytes.length));
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        Builder b = builder();
        b.version = buf.getInt(VERSION);
        if (b.version < MIN_VERSION || b.version > MAX_VERSION) {
            throw new SnpFormatException("unsupported SNP report version " + Integer.toUnsignedString(b.version)
                    + " (supported: " + MIN_VERSION + " to " + MAX_VERSION + ")");
        }
        b.guestSvn = buf.getInt(GUEST_SVN);
        b.policy = new SnpPolicy(buf.getLong(POLICY));
        b.familyId = slice(bytes, FAMILY_ID, FAMILY_ID_LENGTH);
        b.imageId = slice(bytes, IMAGE_ID, IMAGE_ID_LENGTH);
        b.vmpl = buf.getInt(VMPL);
        b.signatureAlgo = buf.getInt(SIGNATURE_ALGO);
        if (b.version >= 3) {
            b.cpuid = new Cpuid(bytes[CPUID_FAM_ID] & 0xFF, bytes[CPUID_MOD_ID] & 0xFF, bytes[CPUID_STEP] & 0xFF);
        }
        boolean turin = b.cpuid != null && b.cpuid.family() == 0x1A;
        b.currentTcb = TcbVersion.decode(bytes, CURRENT_TCB, turin);
        b.platformInfo = new PlatformInfo(buf.getLong(PLATFORM_INFO));
        b.keyInfo = new KeyInfo(buf.getInt(KEY_INFO));
        b.reportData = slice(bytes, REPORT_DATA, REPORT_DATA_LENGTH);
        b.measurement = slice(bytes, MEASUREMENT, MEASUREMENT_LENGTH);
        b.hostData = slice(bytes, HOST_DATA, HOST_DATA_LENGTH);
        b.idKeyDigest = slice(bytes, ID_KEY_DIGEST, ID_KEY_DIGEST_LENGTH);
        b.authorKeyDigest = slice(bytes, AUTHOR_KEY_DIGEST, AUTHOR_KEY_DIGEST_LENGTH);
        b.reportId = slice(bytes, REPORT_ID, REPORT_ID_LENGTH);
        b.reportIdMa = slice(bytes, REPORT_ID_MA, REPORT_ID_LENGTH);
        b.reportedTcb = TcbVersion.decode(bytes, REPORTED_TCB, turin);
        b.chipId = slice(bytes, CHIP_ID, CHIP_ID_LENGTH);
        b.committedTcb = TcbVersion.decode(bytes, COMMITTED_TCB, turin);
        b.current = new FirmwareVersion(bytes[CURRENT_MAJOR] & 0xFF, bytes[CURRENT_MINOR] & 0xFF, bytes[CURRENT_BUILD] & 0xFF);
        b.committed = new FirmwareVersion(bytes[COMMITTED_MAJOR] & 0xFF, bytes[COMMITTED_MINOR] & 0xFF, bytes[COMMITTED_BUILD] & 0xFF);
        b.launchTcb = TcbVersion.decode(bytes, LAUNCH_TCB, turin);
        if (b.version >= 5) {
            b.launchMitVector = OptionalLong.of(buf.getLong(LAUNCH_MIT_VECTOR));
            b.currentMitVector = OptionalLong.of(buf.getLong(CURRENT_MIT_VECTOR));
        }
        b.signature = new SnpSignature(slice(bytes, SIGNATURE_R, SIGNATURE_COMPONENT_LENGTH), slice(bytes, SIGNATURE_S, SIGNATURE_COMPONENT_LENGTH));
        return new SnpReport(b, bytes);
    }

    private static byte[] slice(byte[] b, int offset, int length) {
        return Arrays.copyOfRange(b, offset, offset + length);
    }

    private byte[] encode() {
        byte[] out = new byte[REPORT_LENGTH];
        ByteBuffer buf = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(VERSION, version);
        buf.putInt(GUEST_SVN, guestSvn);
        buf.putLong(POLICY, policy.raw());
        System.arraycopy(familyId, 0, out, FAMILY_ID, FAMILY_ID_LENGTH);
        System.arraycopy(imageId, 0, out, IMAGE_ID, IMAGE_ID_LENGTH);
        buf.putInt(VMPL, vmpl);
        buf.putInt(SIGNATURE_ALGO, signatureAlgo);
        currentTcb.encode(out, CURRENT_TCB);
        buf.putLong(PLATFORM_INFO, platformInfo.raw());
        buf.putInt(KEY_INFO, keyInfo.raw());
        System.arraycopy(reportData, 0, out, REPORT_DATA, REPORT_DATA_LENGTH);
        System.arraycopy(measurement, 0, out, MEASUREMENT, MEASUREMENT_LENGTH);
        System.arraycopy(hostData, 0, out, HOST_DATA, HOST_DATA_LENGTH);
        System.arraycopy(idKeyDigest, 0, out, ID_KEY_DIGEST, ID_KEY_DIGEST_LENGTH);
        System.arraycopy(authorKeyDigest, 0, out, AUTHOR_KEY_DIGEST, AUTHOR_KEY_DIGEST_LENGTH);
        System.arraycopy(reportId, 0, out, REPORT_ID, REPORT_ID_LENGTH);
        System.arraycopy(reportIdMa, 0, out, REPORT_ID_MA, REPORT_ID_LENGTH);
        reportedTcb.encode(out, REPORTED_TCB);
        cpuid.ifPresent(c -> {
            out[CPUID_FAM_ID] = (byte) c.family();
            out[CPUID_MOD_ID] = (byte) c.model();
            out[CPUID_STEP] = (byte) c.stepping();
        });
        System.arraycopy(chipId, 0, out, CHIP_ID, CHIP_ID_LENGTH);
        committedTcb.encode(out, COMMITTED_TCB);
        out[CURRENT_BUILD] = (byte) current.build();
        out[CURRENT_MINOR] = (byte) current.minor();
        out[CURRENT_MAJOR] = (byte) current.major();
        out[COMMITTED_BUILD] = (byte) committed.build();
        out[COMMITTED_MINOR] = (byte) committed.minor();
        out[COMMITTED_MAJOR] = (byte) committed.major();
        launchTcb.encode(out, LAUNCH_TCB);
        launchMitVector.ifPresent(v -> buf.putLong(LAUNCH_MIT_VECTOR, v));
        currentMitVector.ifPresent(v -> buf.putLong(CURRENT_MIT_VECTOR, v));
        System.arraycopy(signature.r(), 0, out, SIGNATURE_R, SIGNATURE_COMPONENT_LENGTH);
        System.arraycopy(signature.s(), 0, out, SIGNATURE_S, SIGNATURE_COMPONENT_LENGTH);
        return out;
    }

    /** The 1184-byte firmware layout (the received bytes when parsed from them). */
    public byte[] toBytes() {
        return encoded.clone();
    }

    /** Bytes [0, 0x2A0): what the signature covers. */
    public byte[] signedBytes() {
        return Arrays.copyOf(encoded, SIGNED_LENGTH);
    }

    /** Writes the signed bytes to {@code digest} without copying. */
    public void updateSigned(java.security.Signature verifier) throws java.security.SignatureException {
        verifier.update(encoded, 0, SIGNED_LENGTH);
    }

    /** Turin layout for TCB fields: CPUID family 0x1A (absent before version 3, so never Turin). */
    public boolean turinLayout() {
        return cpuid.map(c -> c.family() == 0x1A).orElse(false);
    }

    /** The generation from CPUID, when the report carries it and it is a known one. */
    public Optional<SnpProduct> product() {
        return cpuid.flatMap(Cpuid::product);
    }

    public int version() { return version; }
    public int guestSvn() { return guestSvn; }
    public SnpPolicy policy() { return policy; }
    public byte[] familyId() { return familyId.clone(); }
    public byte[] imageId() { return imageId.clone(); }
    public int vmpl() { return vmpl; }
    public int signatureAlgo() { return signatureAlgo; }
    public TcbVersion currentTcb() { return currentTcb; }
    public PlatformInfo platformInfo() { return platformInfo; }
    public KeyInfo keyInfo() { return keyInfo; }
    public byte[] reportData() { return reportData.clone(); }
    public byte[] measurement() { return measurement.clone(); }
    public byte[] hostData() { return hostData.clone(); }
    public byte[] idKeyDigest() { return idKeyDigest.clone(); }
    public byte[] authorKeyDigest() { return authorKeyDigest.clone(); }
    public byte[] reportId() { return reportId.clone(); }
    public byte[] reportIdMa() { return reportIdMa.clone(); }
    public TcbVersion reportedTcb() { return reportedTcb; }
    public Optional<Cpuid> cpuid() { return cpuid; }
    public byte[] chipId() { return chipId.clone(); }
    public TcbVersion committedTcb() { return committedTcb; }
    public FirmwareVersion current() { return current; }
    public FirmwareVersion committed() { return committed; }
    public TcbVersion launchTcb() { return launchTcb; }
    public OptionalLong launchMitVector() { return launchMitVector; }
    public OptionalLong currentMitVector() { return currentMitVector; }
    public SnpSignature signature() { return signature; }

    /** A builder preset with this report's fields (the signature included), to change some of them. */
    public Builder toBuilder() {
        Builder b = builder();
        b.version = version; b.guestSvn = guestSvn; b.policy = policy; b.familyId = familyId; b.imageId = imageId;
        b.vmpl = vmpl; b.signatureAlgo = signatureAlgo; b.currentTcb = currentTcb; b.platformInfo = platformInfo;
        b.keyInfo = keyInfo; b.reportData = reportData; b.measurement = measurement; b.hostData = hostData;
        b.idKeyDigest = idKeyDigest; b.authorKeyDigest = authorKeyDigest; b.reportId = reportId; b.reportIdMa = reportIdMa;
        b.reportedTcb = reportedTcb; b.cpuid = cpuid.orElse(null); b.chipId = chipId; b.committedTcb = committedTcb;
        b.current = current; b.committed = committed; b.launchTcb = launchTcb; b.launchMitVector = launchMitVector;
        b.currentMitVector = currentMitVector; b.signature = signature;
        return b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Field-by-field construction; byte fields left unset are zero. */
    public static final class Builder {
        private int version = 3;
        private int guestSvn;
        private SnpPolicy policy = new SnpPolicy(1L << SnpPolicy.RESERVED_MUST_BE_ONE_BIT);
        private byte[] familyId;
        private byte[] imageId;
        private int vmpl;
        private int signatureAlgo = 1;
        private TcbVersion currentTcb;
        private PlatformInfo platformInfo = new PlatformInfo(0);
        private KeyInfo keyInfo = new KeyInfo(0);
        private byte[] reportData;
        private byte[] measurement;
        private byte[] hostData;
        private byte[] idKeyDigest;
        private byte[] authorKeyDigest;
        private byte[] reportId;
        private byte[] reportIdMa;
        private TcbVersion reportedTcb;
        private Cpuid cpuid;
        private byte[] chipId;
        private TcbVersion committedTcb;
        private FirmwareVersion current = new FirmwareVersion(0, 0, 0);
        private FirmwareVersion committed = new FirmwareVersion(0, 0, 0);
        private TcbVersion launchTcb;
        private OptionalLong launchMitVector = OptionalLong.empty();
        private OptionalLong currentMitVector = OptionalLong.empty();
        private SnpSignature signature = new SnpSignature(new byte[SIGNATURE_COMPONENT_LENGTH], new byte[SIGNATURE_COMPONENT_LENGTH]);

        private Builder() {
        }

        public Builder version(int v) { version = v; return this; }
        public Builder guestSvn(int v) { guestSvn = v; return this; }
        public Builder policy(SnpPolicy v) { policy = v; return this; }
        public Builder familyId(byte[] v) { familyId = v; return this; }
        public Builder imageId(byte[] v) { imageId = v; return this; }
        public Builder vmpl(int v) { vmpl = v; return this; }
        public Builder signatureAlgo(int v) { signatureAlgo = v; return this; }
        public Builder currentTcb(TcbVersion v) { currentTcb = v; return this; }
        public Builder platformInfo(PlatformInfo v) { platformInfo = v; return this; }
        public Builder keyInfo(KeyInfo v) { keyInfo = v; return this; }
        public Builder reportData(byte[] v) { reportData = v; return this; }
        public Builder measurement(byte[] v) { measurement = v; return this; }
        public Builder hostData(byte[] v) { hostData = v; return this; }
        public Builder idKeyDigest(byte[] v) { idKeyDigest = v; return this; }
        public Builder authorKeyDigest(byte[] v) { authorKeyDigest = v; return this; }
        public Builder reportId(byte[] v) { reportId = v; return this; }
        public Builder reportIdMa(byte[] v) { reportIdMa = v; return this; }
        public Builder reportedTcb(TcbVersion v) { reportedTcb = v; return this; }
        public Builder cpuid(Cpuid v) { cpuid = v; return this; }
        public Builder chipId(byte[] v) { chipId = v; return this; }
        public Builder committedTcb(TcbVersion v) { committedTcb = v; return this; }
        public Builder current(FirmwareVersion v) { current = v; return this; }
        public Builder committed(FirmwareVersion v) { committed = v; return this; }
        public Builder launchTcb(TcbVersion v) { launchTcb = v; return this; }
        public Builder launchMitVector(OptionalLong v) { launchMitVector = v; return this; }
        public Builder currentMitVector(OptionalLong v) { currentMitVector = v; return this; }
        public Builder signature(SnpSignature v) { signature = v; return this; }

        /** Sets current, reported, committed and launch TCB at once. */
        public Builder allTcbs(TcbVersion v) {
            currentTcb = v; reportedTcb = v; committedTcb = v; launchTcb = v;
            return this;
        }

        public SnpReport build() throws SnpFormatException {
            return new SnpReport(this, null);
        }
    }
}
