package io.coco4j.rvps.intoto;

import io.coco4j.rvps.intoto.ArtifactRule.ArtifactKind;
import io.coco4j.rvps.intoto.InTotoVerificationException.Failure;
import io.coco4j.rvps.intoto.Layout.Inspection;
import io.coco4j.rvps.intoto.Layout.Step;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * in-toto v0.9 supply-chain verification, as the reference {@code in-toto-verify} performs it: layout
 * signatures by trusted keys, layout expiry, per-step links by authorised functionaries with valid
 * signatures up to each step's threshold, sublayouts (recursively, with the functionary's key as the
 * sublayout's trusted key), command alignment (warnings), agreement of threshold links, and every
 * artifact rule of steps and inspections.
 *
 * <p>Inspections are <em>never executed</em>: a verifier must not run commands taken from metadata.
 * An inspection is taken to have seen the supplied artifacts as both its materials and its products,
 * and its rules are evaluated against them. A rule that only running the command could satisfy
 * (CREATE, DELETE, MODIFY, or a MATCH whose pattern names no supplied artifact) fails verification.
 */
public final class InTotoVerifier {

    private static final int MAX_SUBLAYOUT_DEPTH = 8;

    private final MetadataFiles files;
    private final Artifacts supplied;
    private final Instant now;
    private final List<String> warnings = new ArrayList<>();

    /** What verification established. */
    public record Result(Link summary, Instant expires, Set<String> layoutSigners, List<String> warnings) {
        public Result {
            layoutSigners = Set.copyOf(layoutSigners);
            warnings = List.copyOf(warnings);
        }
    }

    private InTotoVerifier(MetadataFiles files, Artifacts supplied, Instant now) {
        this.files = files;
        this.supplied = supplied;
        this.now = now;
    }

    /**
     * Verifies a layout and the links in {@code files} (links at the top level as
     * {@code <step>.<keyid[:8]>.link}; a sublayout's links in the folder {@code <step>.<keyid[:8]>/}).
     *
     * @param supplied the artifacts at hand, hashed (what inspections are evaluated against)
     */
    public static Result verify(SignedMetadata layout, LayoutTrust trust, MetadataFiles files, Artifacts supplied, Instant now)
            throws InTotoVerificationException {
        InTotoVerifier verifier = new InTotoVerifier(files, supplied, now);
        Verified verified = verifier.verifyLayout(layout, trust, "", "", 0);
        return new Result(verified.summary(), verified.expires(), verified.signers(), verifier.warnings);
    }

    private record Verified(Link summary, Instant expires, Set<String> signers) {
    }

    private Verified verifyLayout(SignedMetadata metadata, LayoutTrust trust, String linkDir, String stepName, int depth)
            throws InTotoVerificationException {
        String what = depth == 0 ? "layout" : "sublayout of step '" + stepName + "'";
        if (!"layout".equals(metadata.type())) {
            throw new InTotoVerificationException(Failure.MALFORMED, what + " is not a layout (_type '" + metadata.type() + "')");
        }
        Set<String> signers = metadata.verifiedBy(trust.keys());
        if (signers.size() < trust.requiredSignatures()) {
            throw new InTotoVerificationException(Failure.LAYOUT_SIGNATURE, what + " needs valid signatures by "
                    + trust.requiredSignatures() + " trusted layout key(s), has " + signers.size() + " (signed by "
                    + shortIds(metadata.claimedSigners()) + "; trusted: " + shortIds(trust.keys().keySet()) + ")");
        }
        Layout layout = parse(() -> Layout.parse(metadata.payload(), what));
        if (!now.isBefore(layout.expires())) {
            throw new InTotoVerificationException(Failure.LAYOUT_EXPIRED, what + " expired at " + layout.expires());
        }
        Instant expires = layout.expires();

        Map<String, Map<String, SignedMetadata>> chain = loadLinks(layout, linkDir);
        Map<String, Map<String, SignedMetadata>> verifiedChain = verifySignatureThresholds(layout, chain, linkDir);

        Map<String, Map<String, Link>> links = new LinkedHashMap<>();
        for (Step step : layout.steps()) {
            Map<String, Link> byKey = new LinkedHashMap<>();
            for (Map.Entry<String, SignedMetadata> entry : verifiedChain.get(step.name()).entrySet()) {
                String keyId = entry.getKey();
                SignedMetadata signed = entry.getValue();
                if ("layout".equals(signed.type())) {
                    if (depth + 1 > MAX_SUBLAYOUT_DEPTH) {
                        throw new InTotoVerificationException(Failure.MALFORMED, "sublayouts nest deeper than " + MAX_SUBLAYOUT_DEPTH);
                    }
                    InTotoKey functionary = functionaryKey(layout, step, keyId);
                    Verified sub = verifyLayout(signed, new LayoutTrust(Map.of(keyId, functionary), 1),
                            PathPattern.join(linkDir, step.name() + "." + shortId(keyId)), step.name(), depth + 1);
                    expires = sub.expires().isBefore(expires) ? sub.expires() : expires;
                    byKey.put(keyId, sub.summary());
                } else {
                    String where = linkFile(linkDir, step, keyId);
                    Link link = parse(() -> Link.parse(signed.payload(), where));
                    if (!link.name().equals(step.name())) {
                        throw new InTotoVerificationException(Failure.MALFORMED, where + " is a link for step '" + link.name()
                                + "', not '" + step.name() + "'");
                    }
                    byKey.put(keyId, link);
                }
            }
            links.put(step.name(), byKey);
        }

        for (Step step : layout.steps()) {
            for (Map.Entry<String, Link> entry : links.get(step.name()).entrySet()) {
                if (!entry.getValue().command().equals(step.expectedCommand())) {
                    warnings.add("step '" + step.name() + "' ran " + entry.getValue().command() + " (link by " + shortId(entry.getKey())
                            + "), the layout expects " + step.expectedCommand());
                }
            }
        }

        Map<String, Link> reduced = reduceThresholds(layout, links);
        for (Step step : layout.steps()) {
            verifyRules("step '" + step.name() + "'", step.name(), ArtifactKind.MATERIALS, step.expectedMaterials(), reduced, false);
            verifyRules("step '" + step.name() + "'", step.name(), ArtifactKind.PRODUCTS, step.expectedProducts(), reduced, false);
        }
        for (Inspection inspection : layout.inspections()) {
            reduced.put(inspection.name(), new Link(inspection.name(), supplied, supplied, inspection.run()));
        }
        for (Inspection inspection : layout.inspections()) {
            String label = "inspection '" + inspection.name() + "'";
            verifyRules(label, inspection.name(), ArtifactKind.MATERIALS, inspection.expectedMaterials(), reduced, true);
            verifyRules(label, inspection.name(), ArtifactKind.PRODUCTS, inspection.expectedProducts(), reduced, true);
        }

        Link summary;
        if (layout.steps().isEmpty()) {
            summary = new Link(stepName, Artifacts.NONE, Artifacts.NONE, List.of());
        } else {
            Link first = reduced.get(layout.steps().get(0).name());
            Link last = reduced.get(layout.steps().get(layout.steps().size() - 1).name());
            summary = new Link(stepName, first.materials(), last.products(), last.command());
        }
        return new Verified(summary, expires, signers);
    }

    private Map<String, Map<String, SignedMetadata>> loadLinks(Layout layout, String linkDir) throws InTotoVerificationException {
        Map<String, Map<String, SignedMetadata>> chain = new LinkedHashMap<>();
        for (Step step : layout.steps()) {
            Map<String, SignedMetadata> byKey = new LinkedHashMap<>();
            for (String keyId : step.pubKeys()) {
                String path = linkFile(linkDir, step, keyId);
                Optional<byte[]> bytes = files.get(path);
                if (bytes.isPresent()) {
                    byKey.put(keyId, parse(() -> SignedMetadata.parse(bytes.get(), path)));
                }
            }
            if (byKey.size() < step.threshold()) {
                throw new InTotoVerificationException(Failure.LINK_MISSING, "step '" + step.name() + "' needs " + step.threshold()
                        + " link(s) from its functionaries, found " + byKey.size() + " (expected names: "
                        + step.pubKeys().stream().map(k -> linkFile(linkDir, step, k)).toList() + ")");
            }
            chain.put(step.name(), byKey);
        }
        return chain;
    }

    private Map<String, Map<String, SignedMetadata>> verifySignatureThresholds(Layout layout, Map<String, Map<String, SignedMetadata>> chain,
                                                                              String linkDir) throws InTotoVerificationException {
        Map<String, Map<String, SignedMetadata>> verified = new LinkedHashMap<>();
        for (Step step : layout.steps()) {
            Map<String, SignedMetadata> good = new LinkedHashMap<>();
            List<String> bad = new ArrayList<>();
            for (Map.Entry<String, SignedMetadata> entry : chain.get(step.name()).entrySet()) {
                String keyId = entry.getKey();
                InTotoKey key = functionaryKey(layout, step, keyId);
                if (entry.getValue().verifiedBy(Map.of(keyId, key)).contains(keyId)) {
                    good.put(keyId, entry.getValue());
                } else {
                    bad.add(linkFile(linkDir, step, keyId));
                }
            }
            if (good.size() < step.threshold()) {
                throw new InTotoVerificationException(Failure.LINK_SIGNATURE, "step '" + step.name() + "' needs " + step.threshold()
                        + " link(s) validly signed by its functionaries, has " + good.size() + " (no valid signature by the named key on "
                        + bad + ")");
            }
            verified.put(step.name(), good);
        }
        return verified;
    }

    private Map<String, Link> reduceThresholds(Layout layout, Map<String, Map<String, Link>> links) throws InTotoVerificationException {
        Map<String, Link> reduced = new LinkedHashMap<>();
        for (Step step : layout.steps()) {
            Map<String, Link> byKey = links.get(step.name());
            Map.Entry<String, Link> reference = byKey.entrySet().iterator().next();
            if (step.threshold() > 1) {
                for (Map.Entry<String, Link> other : byKey.entrySet()) {
                    Link link = other.getValue();
                    if (!link.materials().equals(reference.getValue().materials()) || !link.products().equals(reference.getValue().products())) {
                        throw new InTotoVerificationException(Failure.THRESHOLD_MISMATCH, "step '" + step.name() + "': the links by "
                                + shortId(reference.getKey()) + " and " + shortId(other.getKey()) + " record different materials or products");
                    }
                }
            }
            reduced.put(step.name(), reference.getValue());
        }
        return reduced;
    }

    private void verifyRules(String label, String sourceName, ArtifactKind kind, List<ArtifactRule> rules, Map<String, Link> links,
                             boolean inspection) throws InTotoVerificationException {
        Link source = links.get(sourceName);
        Artifacts artifacts = kind == ArtifactKind.MATERIALS ? source.materials() : source.products();
        Set<String> materialPaths = source.materials().byPath().keySet();
        Set<String> productPaths = source.products().byPath().keySet();
        Set<String> created = new TreeSet<>(productPaths);
        created.removeAll(materialPaths);
        Set<String> deleted = new TreeSet<>(materialPaths);
        deleted.removeAll(productPaths);
        Set<String> modified = new TreeSet<>();
        for (String path : materialPaths) {
            if (productPaths.contains(path) && !Objects.equals(source.materials().hashes(path), source.products().hashes(path))) {
                modified.add(path);
            }
        }

        Set<String> queue = new TreeSet<>(artifacts.byPath().keySet());
        Map<String, ArtifactRule> unmatched = new HashMap<>();
        for (ArtifactRule rule : rules) {
            String where = label + " " + kind.label() + " rule '" + rule + "'";
            Set<String> filtered = PathPattern.of(rule.pattern()).filter(queue);
            Set<String> consumed;
            switch (rule.type()) {
                case MATCH -> {
                    String sourcePattern = rule.sourcePrefix().map(p -> PathPattern.join(p, rule.pattern())).orElse(rule.pattern());
                    Set<String> candidates = PathPattern.of(sourcePattern).filter(queue);
                    if (inspection && PathPattern.of(sourcePattern).filter(artifacts.byPath().keySet()).isEmpty()) {
                        throw new InTotoVerificationException(Failure.INSPECTION_NOT_EVALUABLE, where + " names no supplied artifact: "
                                + "inspections are not run, so supply what the inspection would see or produce");
                    }
                    consumed = match(rule, candidates, artifacts, links);
                    for (String path : candidates) {
                        if (!consumed.contains(path)) {
                            unmatched.putIfAbsent(path, rule);
                        }
                    }
                }
                case CREATE, DELETE, MODIFY -> {
                    if (inspection) {
                        throw new InTotoVerificationException(Failure.INSPECTION_NOT_EVALUABLE, where
                                + " depends on what running the inspection changes, and inspections are not run");
                    }
                    Set<String> changed = rule.type() == ArtifactRule.Type.CREATE ? created
                            : rule.type() == ArtifactRule.Type.DELETE ? deleted : modified;
                    consumed = new TreeSet<>(filtered);
                    consumed.retainAll(changed);
                }
                case ALLOW -> consumed = filtered;
                case DISALLOW -> {
                    if (!filtered.isEmpty()) {
                        String path = filtered.iterator().next();
                        ArtifactRule missed = unmatched.get(path);
                        throw new InTotoVerificationException(Failure.ARTIFACT_RULE, where + " forbids " + path
                                + (missed == null ? "" : " (it did not satisfy '" + missed + "': absent from "
                                + missed.destinationStep().orElseThrow() + "'s " + missed.destinationKind().orElseThrow().label()
                                + " or with a different digest)"));
                    }
                    consumed = Set.of();
                }
                case REQUIRE -> {
                    if (!queue.contains(rule.pattern())) {
                        throw new InTotoVerificationException(Failure.ARTIFACT_RULE, where + ": " + rule.pattern()
                                + " is not among the " + kind.label());
                    }
                    consumed = Set.of();
                }
                default -> throw new IllegalStateException(rule.type().name());
            }
            queue.removeAll(consumed);
        }
    }

    private static Set<String> match(ArtifactRule rule, Set<String> candidates, Artifacts source, Map<String, Link> links) {
        Set<String> consumed = new LinkedHashSet<>();
        Link destination = links.get(rule.destinationStep().orElseThrow());
        if (destination == null) {
            return consumed; // as in-toto: a rule naming an unknown step consumes nothing
        }
        Artifacts destinationArtifacts = rule.destinationKind().orElseThrow() == ArtifactKind.MATERIALS
                ? destination.materials() : destination.products();
        for (String path : candidates) {
            String destinationPath = rule.sourcePrefix().map(p -> PathPattern.relative(path, p)).orElse(path);
            if (rule.destinationPrefix().isPresent()) {
                destinationPath = PathPattern.join(rule.destinationPrefix().get(), destinationPath);
            }
            if (destinationArtifacts.contains(destinationPath)
                    && Objects.equals(destinationArtifacts.hashes(destinationPath), source.hashes(path))) {
                consumed.add(path);
            }
        }
        return consumed;
    }

    private static InTotoKey functionaryKey(Layout layout, Step step, String keyId) throws InTotoVerificationException {
        var entry = layout.keys().get(keyId);
        if (entry == null) {
            throw new InTotoVerificationException(Failure.MALFORMED, "step '" + step.name() + "' authorises key " + keyId
                    + ", which the layout's keys do not define");
        }
        return parse(() -> InTotoKey.fromLayoutEntry(keyId, entry));
    }

    private static String linkFile(String linkDir, Step step, String keyId) {
        return PathPattern.join(linkDir, step.name() + "." + shortId(keyId) + ".link");
    }

    private static String shortId(String keyId) {
        return keyId.length() > 8 ? keyId.substring(0, 8) : keyId;
    }

    private static String shortIds(Set<String> keyIds) {
        return keyIds.isEmpty() ? "none" : String.join(", ", keyIds.stream().map(InTotoVerifier::shortId).toList());
    }

    @FunctionalInterface
    private interface Parse<T> {
        T get() throws InTotoFormatException;
    }

    private static <T> T parse(Parse<T> parse) throws InTotoVerificationException {
        try {
            return parse.get();
        } catch (InTotoFormatException e) {
            throw new InTotoVerificationException(Failure.MALFORMED, e.getMessage());
        }
    }
}
