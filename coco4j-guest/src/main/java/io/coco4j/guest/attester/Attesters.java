package io.coco4j.guest.attester;

import io.coco4j.guest.attester.azure.AzSnpVtpmAttester;
import io.coco4j.guest.attester.azure.AzTdxVtpmAttester;
import io.coco4j.guest.attester.azure.AzureImds;
import io.coco4j.guest.attester.azure.AzureVtpm;
import io.coco4j.guest.attester.snp.SnpAttester;
import io.coco4j.guest.attester.tdx.TdxAttester;
import io.coco4j.guest.attester.tpm.TpmAttester;
import io.coco4j.guest.attester.tpm.TpmDeviceTransport;
import io.coco4j.protocol.tee.Tee;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds this guest's attesters, in the reference's detection order: {@code tdx}, {@code az-tdx-vtpm},
 * {@code az-snp-vtpm}, {@code snp}, {@code tpm}; with none of them the {@code sample} attester, which
 * proves nothing. Device attesters: {@code sampledevice} when {@code ENABLE_SAMPLE_DEVICE} is set.
 */
public final class Attesters {

    private static final Logger LOG = LoggerFactory.getLogger(Attesters.class);

    public static final String SAMPLE_DEVICE_ENV = "ENABLE_SAMPLE_DEVICE";
    /** The primary attesters coco4j has, by TEE name. */
    public static final List<String> PRIMARY_NAMES = List.of("sample", "tdx", "snp", "tpm", "az-snp-vtpm", "az-tdx-vtpm");

    private Attesters() {
    }

    /**
     * What the attesters look at: the file system root ({@code /} in a guest, a fake tree in tests),
     * the environment, Azure's metadata service, and the attestation agent's event log (part of TDX evidence).
     */
    public record Platform(Path root, Map<String, String> environment, URI imds, Optional<Path> aaEventLog) {
        public Platform {
            Objects.requireNonNull(root, "root");
            environment = Map.copyOf(environment);
            Objects.requireNonNull(imds, "imds");
            Objects.requireNonNull(aaEventLog, "aaEventLog");
        }

        /** This machine. */
        public static Platform system() {
            return new Platform(Path.of("/"), System.getenv(), AzureImds.DEFAULT_BASE, Optional.empty());
        }

        public Platform withEventLog(Path aaEventLog) {
            return new Platform(root, environment, imds, Optional.of(aaEventLog));
        }
    }

    /** The primary attester of this platform; {@code sample} (with a warning) when no TEE is found. */
    public static Attester detect(Platform platform) {
        if (TdxAttester.detect(platform.root())) {
            return new TdxAttester(platform.root(), platform.aaEventLog());
        }
        Optional<Path> tpm = TpmAttester.detectDevice(platform.root(), platform.environment());
        if (tpm.isPresent()) {
            TpmAttester.Connector connector = () -> TpmDeviceTransport.open(tpm.get());
            Optional<Integer> hcl = AzureVtpm.reportType(connector);
            if (hcl.isPresent() && hcl.get() == AzureVtpm.REPORT_TYPE_TDX) {
                return new AzTdxVtpmAttester(connector, new AzureImds(platform.imds()));
            }
            if (hcl.isPresent() && hcl.get() == AzureVtpm.REPORT_TYPE_SNP) {
                return new AzSnpVtpmAttester(connector, new AzureImds(platform.imds()));
            }
        }
        if (SnpAttester.detect(platform.root())) {
            return new SnpAttester(platform.root());
        }
        if (tpm.isPresent()) {
            return TpmAttester.forDevice(tpm.get(), TpmAttester.akHandle(platform.environment()));
        }
        LOG.warn("no TEE found: falling back to the sample attester, whose evidence proves nothing");
        return new SampleAttester();
    }

    /**
     * The attester for a TEE name, without detection.
     *
     * @throws IllegalArgumentException for a TEE coco4j has no attester for, or a TPM that is absent
     */
    public static Attester byName(String name, Platform platform) {
        return switch (name) {
            case "sample" -> new SampleAttester();
            case "tdx" -> new TdxAttester(platform.root(), platform.aaEventLog());
            case "snp" -> new SnpAttester(platform.root());
            case "tpm" -> TpmAttester.forDevice(requireTpm(platform), TpmAttester.akHandle(platform.environment()));
            case "az-snp-vtpm" -> {
                Path device = requireTpm(platform);
                yield new AzSnpVtpmAttester(() -> TpmDeviceTransport.open(device), new AzureImds(platform.imds()));
            }
            case "az-tdx-vtpm" -> {
                Path device = requireTpm(platform);
                yield new AzTdxVtpmAttester(() -> TpmDeviceTransport.open(device), new AzureImds(platform.imds()));
            }
            default -> {
                if (Tee.fromWireName(name).isPresent()) {
                    throw new IllegalArgumentException("coco4j has no attester for the " + name + " TEE (supported: "
                            + String.join(", ", PRIMARY_NAMES) + ")");
                }
                throw new IllegalArgumentException("unknown TEE '" + name + "' (supported: " + String.join(", ", PRIMARY_NAMES) + ")");
            }
        };
    }

    private static Path requireTpm(Platform platform) {
        return TpmAttester.detectDevice(platform.root(), platform.environment())
                .orElseThrow(() -> new IllegalArgumentException("no TPM device (set " + TpmAttester.DEVICE_ENV + " or provide /dev/tpmrm0)"));
    }

    /** The device attesters this platform enables. */
    public static List<Attester> devices(Platform platform) {
        List<Attester> devices = new ArrayList<>();
        if (platform.environment().containsKey(SAMPLE_DEVICE_ENV)) {
            devices.add(new SampleDeviceAttester());
        }
        return devices;
    }
}
