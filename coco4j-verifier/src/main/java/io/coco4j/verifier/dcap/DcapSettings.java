package io.coco4j.verifier.dcap;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.tee.dcap.TeeType;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How the DCAP verifiers (TDX, SGX, Azure TDX vTPM) obtain and judge collateral.
 *
 * @param collateralPath    a collateral directory (see {@link CollateralDirectory}) or a single
 *                          collateral bundle file (see {@link CollateralBundle})
 * @param collateralService the PCS or PCCS base URL used when {@code onlineFetch} is on
 * @param tcbUpdateType     {@code early} or {@code standard} TCB recovery view
 * @param acceptedStatuses  TCB statuses that pass; the reference accepts every status but Revoked
 * @param onlineFetch       fetch missing or stale collateral from {@code collateralService} into
 *                          {@code collateralPath} (a directory); off by default so that nothing
 *                          waits on the network unless asked to
 * @param refreshInterval   how often verified collateral is re-read from its source
 * @param fetchTimeout      per-request timeout of the online fetcher
 */
public record DcapSettings(Optional<Path> collateralPath, Optional<URI> collateralService, TcbUpdateType tcbUpdateType,
                           Set<TcbStatus> acceptedStatuses, boolean onlineFetch, Duration refreshInterval, Duration fetchTimeout) {

    /** Intel's Provisioning Certification Service, the reference's default {@code collateral_service}. */
    public static final URI INTEL_PCS = URI.create("https://api.trustedservices.intel.com/sgx/certification/v4/");

    public DcapSettings {
        acceptedStatuses = acceptedStatuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(acceptedStatuses));
    }

    /** No collateral configured yet, Intel PCS as the service, early updates, the reference's accepted statuses. */
    public static DcapSettings defaults() {
        return new DcapSettings(Optional.empty(), Optional.of(INTEL_PCS), TcbUpdateType.EARLY, TcbStatus.referenceAccepted(), false,
                Duration.ofMinutes(10), Duration.ofSeconds(30));
    }

    /**
     * Reads the reference's {@code verifier_config.dcap_verifier}: {@code collateral_service} is an
     * {@code https://} PCS/PCCS URL or a {@code file://} path (directory or bundle file), and
     * {@code tcb_update_type} is {@code early} or {@code standard}. Accepts the
     * {@code dcap_verifier} object itself or a {@code verifier_config} that contains it.
     *
     * @throws IllegalArgumentException for values the reference would reject
     */
    public static DcapSettings fromReferenceConfig(JsonNode config) {
        DcapSettings settings = defaults();
        if (config == null || config.isNull() || config.isMissingNode()) {
            return settings;
        }
        JsonNode dcap = config.has("dcap_verifier") ? config.get("dcap_verifier") : config;
        if (dcap == null || dcap.isNull()) {
            return settings;
        }
        if (!dcap.isObject()) {
            throw new IllegalArgumentException("dcap_verifier must be an object");
        }
        JsonNode service = dcap.get("collateral_service");
        if (service != null && !service.isNull()) {
            URI uri = URI.create(service.asText());
            if ("file".equalsIgnoreCase(uri.getScheme())) {
                settings = settings.withCollateralPath(Path.of(uri));
            } else if ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) {
                settings = settings.withCollateralService(uri);
            } else {
                throw new IllegalArgumentException("dcap_verifier.collateral_service must be an https:// or file:// URL, not " + uri);
            }
        }
        JsonNode update = dcap.get("tcb_update_type");
        if (update != null && !update.isNull()) {
            TcbUpdateType type = TcbUpdateType.ofWireName(update.asText()).orElseThrow(() -> new IllegalArgumentException(
                    "dcap_verifier.tcb_update_type must be \"early\" or \"standard\", not \"" + update.asText() + "\""));
            settings = settings.withTcbUpdateType(type);
        }
        return settings;
    }

    /** Accepted statuses from their Intel names ({@code UpToDate}, {@code SWHardeningNeeded}, …). */
    public static Set<TcbStatus> statuses(List<String> names) {
        Set<TcbStatus> out = EnumSet.noneOf(TcbStatus.class);
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            TcbStatus.ofIntelName(name).ifPresentOrElse(out::add, () -> unknown.add(name));
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown TCB status(es) " + unknown + "; known: " + EnumSet.allOf(TcbStatus.class));
        }
        return out;
    }

    public DcapSettings withCollateralPath(Path path) {
        return new DcapSettings(Optional.of(path), collateralService, tcbUpdateType, acceptedStatuses, onlineFetch, refreshInterval, fetchTimeout);
    }

    public DcapSettings withCollateralService(URI service) {
        return new DcapSettings(collateralPath, Optional.of(service), tcbUpdateType, acceptedStatuses, onlineFetch, refreshInterval, fetchTimeout);
    }

    public DcapSettings withTcbUpdateType(TcbUpdateType type) {
        return new DcapSettings(collateralPath, collateralService, type, acceptedStatuses, onlineFetch, refreshInterval, fetchTimeout);
    }

    public DcapSettings withAcceptedStatuses(Set<TcbStatus> statuses) {
        return new DcapSettings(collateralPath, collateralService, tcbUpdateType, statuses, onlineFetch, refreshInterval, fetchTimeout);
    }

    public DcapSettings withOnlineFetch(boolean fetch) {
        return new DcapSettings(collateralPath, collateralService, tcbUpdateType, acceptedStatuses, fetch, refreshInterval, fetchTimeout);
    }

    public DcapSettings withRefreshInterval(Duration interval) {
        return new DcapSettings(collateralPath, collateralService, tcbUpdateType, acceptedStatuses, onlineFetch, interval, fetchTimeout);
    }

    /** The collateral source these settings describe. */
    public CollateralSource collateralSource(Clock clock) {
        if (onlineFetch) {
            if (collateralService.isEmpty()) {
                throw new IllegalStateException("online collateral fetch needs a collateral service URL");
            }
            Path directory = collateralPath.orElseThrow(() -> new IllegalStateException(
                    "online collateral fetch needs a collateral directory to store what it fetches"));
            if (Files.exists(directory) && !Files.isDirectory(directory)) {
                throw new IllegalStateException("online collateral fetch needs a directory, " + directory + " is a file");
            }
            PcsCollateralFetcher fetcher = new PcsCollateralFetcher(collateralService.get(), tcbUpdateType,
                    HttpClient.newBuilder().connectTimeout(fetchTimeout).followRedirects(HttpClient.Redirect.NORMAL).build(), fetchTimeout);
            return new FetchingCollateralSource(new CollateralDirectory(directory), fetcher, clock);
        }
        if (collateralPath.isPresent()) {
            return CollateralSource.open(collateralPath.get(), tcbUpdateType);
        }
        return new CollateralSource() {
            @Override
            public IntelCollateral collateral(TeeType tee, byte[] fmspc, PckCaType ca) throws CollateralUnavailableException {
                throw new CollateralUnavailableException("no Intel collateral is configured: set a collateral directory or bundle"
                        + " (dcap_verifier.collateral_service = \"file://…\") or enable online fetch");
            }

            @Override
            public String describe() {
                return "no collateral source";
            }
        };
    }
}
