package io.coco4j.guest.attester.tpm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.guest.attester.Attester;
import io.coco4j.guest.attester.EvidenceException;
import io.coco4j.guest.attester.InitDataBinding;
import io.coco4j.guest.attester.RuntimeMeasurement;
import io.coco4j.protocol.rcar.HashAlgorithm;
import io.coco4j.protocol.tee.Tee;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code tpm} attester: a TPM 2.0 quote of the SHA-256 PCRs 0..23 with the report data
 * (zero-padded or cut to 64 bytes) as qualifying data, signed by the attestation key: a persistent
 * key when one is provisioned at the configured handle, else the primary RSA key the endorsement
 * hierarchy derives from a fixed template (the same key on every boot of the same TPM). Evidence:
 * {@code {"report_data", "tpm_quote": {"signature": b64 TPMT_SIGNATURE, "message": b64 TPMS_ATTEST,
 * "pcrs": [24 hex]}, "ak_public": b64 DER SubjectPublicKeyInfo}}. Init-data extends PCR 8.
 */
public final class TpmAttester implements Attester {

    public static final int REPORT_DATA_LENGTH = 64;
    public static final int INIT_DATA_PCR = 8;
    /** Environment variables of the reference: the device and the persistent AK handle. */
    public static final String DEVICE_ENV = "AA_TPM_DEVICE";
    public static final String AK_HANDLE_ENV = "AA_TPM_AK_HANDLE";
    public static final long DEFAULT_AK_HANDLE = 0x81010002L;

    /** Opens a connection to the TPM for one operation. */
    @FunctionalInterface
    public interface Connector {
        TpmTransport open() throws IOException;
    }

    private final Connector connector;
    private final long akHandle;

    public TpmAttester(Connector connector, long persistentAkHandle) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.akHandle = persistentAkHandle;
    }

    /** The attester for a TPM device file. */
    public static TpmAttester forDevice(Path device, long persistentAkHandle) {
        return new TpmAttester(() -> TpmDeviceTransport.open(device), persistentAkHandle);
    }

    /** The TPM device to use: {@code AA_TPM_DEVICE}, else the first of {@code /dev/tpmrm0}, {@code /dev/tpm0..2} that exists. */
    public static Optional<Path> detectDevice(Path root, Map<String, String> environment) {
        String configured = environment.get(DEVICE_ENV);
        if (configured != null && !configured.isBlank()) {
            Path device = Path.of(configured);
            return Files.exists(device) ? Optional.of(device) : Optional.empty();
        }
        for (String name : List.of("dev/tpmrm0", "dev/tpm0", "dev/tpm1", "dev/tpm2")) {
            Path device = root.resolve(name);
            if (Files.exists(device)) {
                return Optional.of(device);
            }
        }
        return Optional.empty();
    }

    /** The persistent AK handle from {@code AA_TPM_AK_HANDLE} (hex), else the reference's default. */
    public static long akHandle(Map<String, String> environment) {
        String value = environment.get(AK_HANDLE_ENV);
        if (value == null || value.isBlank()) {
            return DEFAULT_AK_HANDLE;
        }
        String hex = value.strip();
        if (hex.startsWith("0x") || hex.startsWith("0X")) {
            hex = hex.substring(2);
        }
        try {
            return Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(AK_HANDLE_ENV + " is not a hexadecimal handle: '" + value + "'");
        }
    }

    @Override
    public Tee tee() {
        return Tee.TPM;
    }

    @Override
    public ObjectNode evidence(byte[] reportData) throws EvidenceException {
        byte[] nonce = Arrays.copyOf(reportData, REPORT_DATA_LENGTH);
        try (Tpm tpm = open()) {
            Tpm.AttestationKey key = attestationKey(tpm);
            try {
                Tpm.Quote quote = tpm.quote(key, nonce);
                List<byte[]> pcrs = tpm.readSha256Pcrs();
                ObjectNode evidence = JsonNodeFactory.instance.objectNode();
                evidence.put("report_data", Base64.getEncoder().encodeToString(nonce));
                ObjectNode tpmQuote = evidence.putObject("tpm_quote");
                tpmQuote.put("signature", Base64.getEncoder().encodeToString(quote.signature()));
                tpmQuote.put("message", Base64.getEncoder().encodeToString(quote.message()));
                ArrayNode values = tpmQuote.putArray("pcrs");
                for (byte[] pcr : pcrs) {
                    values.add(HexFormat.of().formatHex(pcr));
                }
                evidence.put("ak_public", Base64.getEncoder().encodeToString(key.publicKey().getEncoded()));
                return evidence;
            } finally {
                if (key.transientKey()) {
                    tpm.flush(key.handle());
                }
            }
        }
    }

    private Tpm.AttestationKey attestationKey(Tpm tpm) throws TpmException {
        try {
            return tpm.persistentAttestationKey(akHandle);
        } catch (TpmException e) {
            if (e.responseCode() == 0) {
                throw e;
            }
            // no key provisioned there: use the endorsement hierarchy's primary key
            return tpm.createPrimaryAttestationKey();
        }
    }

    Tpm open() throws EvidenceException {
        try {
            return new Tpm(connector.open());
        } catch (IOException e) {
            throw new EvidenceException("cannot open the TPM: " + e.getMessage(), e);
        }
    }

    /** Extends PCR 8 with the digest, which must be SHA-256 (32 bytes). */
    @Override
    public InitDataBinding bindInitData(byte[] digest) throws EvidenceException {
        if (digest.length != 32) {
            throw new EvidenceException("TPM platforms bind init-data by extending PCR 8 with a SHA-256 digest; "
                    + "this init-data's digest is " + digest.length + " bytes (use algorithm = \"sha256\")");
        }
        try (Tpm tpm = open()) {
            tpm.extendSha256Pcr(INIT_DATA_PCR, digest);
        }
        return InitDataBinding.BOUND;
    }

    @Override
    public Optional<RuntimeMeasurement> runtimeMeasurement() {
        return Optional.of(new Pcrs(this));
    }

    /** SHA-256 PCRs, named by their index. */
    static final class Pcrs implements RuntimeMeasurement {
        private final TpmAttester attester;

        Pcrs(TpmAttester attester) {
            this.attester = attester;
        }

        @Override
        public HashAlgorithm algorithm() {
            return HashAlgorithm.SHA256;
        }

        @Override
        public int registerFor(long pcrIndex) throws EvidenceException {
            if (pcrIndex < 0 || pcrIndex >= Tpm.PCR_COUNT) {
                throw new EvidenceException("PCR index " + pcrIndex + " is out of range");
            }
            return (int) pcrIndex;
        }

        @Override
        public void extend(long pcrIndex, byte[] digest) throws EvidenceException {
            try (Tpm tpm = attester.open()) {
                tpm.extendSha256Pcr(registerFor(pcrIndex), digest);
            }
        }
    }

}
