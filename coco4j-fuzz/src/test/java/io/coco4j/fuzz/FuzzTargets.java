package io.coco4j.fuzz;

import io.coco4j.fuzz.jose.NimbusJoseFuzzTest;
import io.coco4j.guest.attester.snp.SnpCertTableFuzzTest;
import io.coco4j.guest.initdata.InitDataFuzzTest;
import io.coco4j.guest.kbs.GuestTokenFuzzTest;
import io.coco4j.guest.secret.SealedSecretFuzzTest;
import io.coco4j.guest.ttrpc.TtrpcFrameFuzzTest;
import io.coco4j.image.keywrap.AnnotationPacketFuzzTest;
import io.coco4j.image.keywrap.JweKeyUnwrapFuzzTest;
import io.coco4j.image.oci.OciDocumentFuzzTest;
import io.coco4j.image.registry.ImageNameFuzzTest;
import io.coco4j.kbs.jwks.CompactJwsFuzzTest;
import io.coco4j.kbs.jwks.JwkSetFuzzTest;
import io.coco4j.kbs.token.AttestationTokenFuzzTest;
import io.coco4j.protocol.jose.ResourceJweFuzzTest;
import io.coco4j.protocol.jose.TeePublicKeyFuzzTest;
import io.coco4j.protocol.resource.ResourceUriFuzzTest;
import io.coco4j.protocol.tee.dcap.DcapQuoteFuzzTest;
import io.coco4j.protocol.tee.snp.SnpEvidenceFuzzTest;
import io.coco4j.rego.parse.RegoParserFuzzTest;
import io.coco4j.rvps.corim.CorimFuzzTest;
import io.coco4j.rvps.intoto.InTotoMetadataFuzzTest;
import io.coco4j.verifier.azure.HclReportFuzzTest;
import io.coco4j.verifier.cca.CcaTokenFuzzTest;
import io.coco4j.verifier.dcap.QeIdentityFuzzTest;
import io.coco4j.verifier.dcap.QuoteCollateralFuzzTest;
import io.coco4j.verifier.dcap.QuoteVerificationFuzzTest;
import io.coco4j.verifier.dcap.TcbInfoFuzzTest;
import io.coco4j.verifier.eventlog.CcelFuzzTest;
import io.coco4j.verifier.nvidia.SpdmReportFuzzTest;
import io.coco4j.verifier.snp.SnpReportFuzzTest;
import io.coco4j.verifier.tpm.TpmStructuresFuzzTest;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every fuzz target, each a class with one {@code @FuzzTest void fuzz(byte[])} placed in the
 * package of the parser it drives (so package-private parsers are reached directly). A target's
 * name is its class name without {@code FuzzTest}, in kebab case: {@code SnpReportFuzzTest} is
 * {@code snp-report}.
 */
public final class FuzzTargets {

    public static final List<Class<?>> ALL = List.of(
            SnpReportFuzzTest.class, SnpEvidenceFuzzTest.class, SnpCertTableFuzzTest.class,
            DcapQuoteFuzzTest.class, QuoteVerificationFuzzTest.class, TcbInfoFuzzTest.class, QeIdentityFuzzTest.class,
            QuoteCollateralFuzzTest.class, CcelFuzzTest.class, TpmStructuresFuzzTest.class, HclReportFuzzTest.class,
            CcaTokenFuzzTest.class, SpdmReportFuzzTest.class,
            ResourceJweFuzzTest.class, TeePublicKeyFuzzTest.class, CompactJwsFuzzTest.class, JwkSetFuzzTest.class,
            AttestationTokenFuzzTest.class, GuestTokenFuzzTest.class, NimbusJoseFuzzTest.class, SealedSecretFuzzTest.class,
            RegoParserFuzzTest.class, ResourceUriFuzzTest.class, InitDataFuzzTest.class,
            OciDocumentFuzzTest.class, ImageNameFuzzTest.class, AnnotationPacketFuzzTest.class, JweKeyUnwrapFuzzTest.class,
            TtrpcFrameFuzzTest.class, CorimFuzzTest.class, InTotoMetadataFuzzTest.class);

    public static final String METHOD = "fuzz";
    private static final String SUFFIX = "FuzzTest";

    private FuzzTargets() {
    }

    public static String name(Class<?> target) {
        String base = target.getSimpleName().substring(0, target.getSimpleName().length() - SUFFIX.length());
        return base.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    public static Optional<Class<?>> byName(String name) {
        return ALL.stream().filter(t -> name(t).equals(name) || t.getSimpleName().equals(name)).findFirst();
    }

    public static Method method(Class<?> target) {
        try {
            return target.getMethod(METHOD, byte[].class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(target.getName() + " has no public " + METHOD + "(byte[])", e);
        }
    }
}
