package io.coco4j.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.as.ear.Appraisal;
import io.coco4j.as.ear.EarTokenBroker;
import io.coco4j.as.ear.EarTokenBrokerSettings;
import io.coco4j.as.ear.SigningKeyException;
import io.coco4j.as.ear.TokenSigningException;
import io.coco4j.as.ear.TrustVector;
import io.coco4j.as.policy.AttestationPolicyEngine;
import io.coco4j.as.policy.RegoAttestationPolicyEngine;
import io.coco4j.as.policy.PolicyException;
import io.coco4j.as.policy.PolicyOutcome;
import io.coco4j.protocol.canonical.Jcs;
import io.coco4j.rego.Limits;
import io.coco4j.protocol.tee.Tee;
import io.coco4j.protocol.tee.TeeClass;
import io.coco4j.rvps.ReferenceValueProvider;
import io.coco4j.storage.StorageBackend;
import io.coco4j.storage.StorageException;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.MalformedEvidenceException;
import io.coco4j.verifier.VerificationException;
import io.coco4j.verifier.VerifiedClaims;
import io.coco4j.verifier.Verifier;
import io.coco4j.verifier.VerifierRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The Attestation Service: verifies each piece of evidence with its TEE's verifier against the
 * expected runtime data and init-data, appraises every verified claim set with the attestation
 * policy {@code <policy id>_<class>} (reference values from the RVPS), and signs one EAR token with a
 * submod per claim set ({@code cpu0}, {@code gpu0}, {@code gpu1}, …). Thread-safe.
 */
public final class AttestationService {

    private static final Logger LOG = LoggerFactory.getLogger(AttestationService.class);

    private final VerifierRegistry verifiers;
    private final AttestationPolicyEngine policyEngine;
    private final ReferenceValueProvider referenceValues;
    private final EarTokenBroker tokenBroker;

    private AttestationService(VerifierRegistry verifiers, AttestationPolicyEngine policyEngine,
                               ReferenceValueProvider referenceValues, EarTokenBroker tokenBroker) {
        this.verifiers = verifiers;
        this.policyEngine = policyEngine;
        this.referenceValues = referenceValues;
        this.tokenBroker = tokenBroker;
    }

    /** The service with the built-in policy engine; see {@link Builder} for the other choices. */
    public static AttestationService create(StorageBackend storage, EarTokenBrokerSettings tokenSettings, VerifierRegistry verifiers,
                                            ReferenceValueProvider referenceValues) throws SigningKeyException, StorageException {
        return builder().storage(storage).tokenBroker(tokenSettings).verifiers(verifiers).referenceValues(referenceValues).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies the evidence and issues a signed EAR token (JWS compact form).
     *
     * @param requests the primary evidence first, then any device evidence
     * @param policyIds the attestation policy id (the KBS passes {@code ["default"]}); only the first is used
     */
    public String evaluate(List<VerificationRequest> requests, List<String> policyIds) throws AttestationException {
        if (requests == null || requests.isEmpty()) {
            throw new InvalidAttestationRequestException("no verification requests provided");
        }
        if (policyIds == null || policyIds.isEmpty() || policyIds.get(0) == null || policyIds.get(0).isBlank()) {
            throw new InvalidAttestationRequestException("no attestation policy id given");
        }
        String policyId = policyIds.get(0);
        if (policyIds.size() > 1) {
            LOG.warn("only the first attestation policy id ({}) is used; {} more ignored", policyId, policyIds.size() - 1);
        }

        List<Verified> verified = new ArrayList<>();
        for (VerificationRequest request : requests) {
            verified.addAll(verify(request));
        }

        Map<String, Appraisal> submods = new LinkedHashMap<>();
        Map<TeeClass, Integer> counters = new EnumMap<>(TeeClass.class);
        for (Verified claims : verified) {
            Appraisal appraisal = appraise(claims, policyId);
            int index = counters.merge(claims.teeClass(), 1, Integer::sum) - 1;
            submods.put(claims.teeClass().label() + index, appraisal);
        }

        String token;
        try {
            token = tokenBroker.issue(submods);
        } catch (TokenSigningException e) {
            throw new TokenIssuanceException("the attestation token cannot be signed: " + e.getMessage(), e);
        }
        if (LOG.isInfoEnabled()) {
            StringJoiner statuses = new StringJoiner(", ");
            submods.forEach((name, appraisal) -> statuses.add(name + "=" + appraisal.status().wireName()));
            LOG.info("attestation token issued with policy '{}': {}", policyId, statuses);
        }
        return token;
    }

    private List<Verified> verify(VerificationRequest request) throws AttestationException {
        Tee tee = request.tee();
        Verifier verifier;
        try {
            verifier = verifiers.verifier(tee);
        } catch (VerificationException e) {
            throw new EvidenceVerificationException(tee, e);
        }

        byte[] reportData = null;
        JsonNode runtimeDataClaims = NullNode.getInstance();
        if (request.runtimeData() instanceof RuntimeDataInput.Structured structured) {
            JsonNode value = structured.value();
            reportData = request.hashAlgorithm().digest(Jcs.canonicalize(value));
            runtimeDataClaims = value;
        } else if (request.runtimeData() instanceof RuntimeDataInput.Raw raw) {
            reportData = raw.bytes();
        }

        byte[] initDataDigest = null;
        JsonNode initDataClaims = NullNode.getInstance();
        if (request.initData() instanceof InitDataInput.Toml toml) {
            InitDataDocument document = InitDataDocument.parse(toml.body());
            initDataDigest = document.digest();
            initDataClaims = document.claims();
        } else if (request.initData() instanceof InitDataInput.Digest digest) {
            initDataDigest = digest.digest();
        }

        List<VerifiedClaims> claimSets;
        try {
            claimSets = verifier.evaluate(request.evidence(), Expectation.of(reportData, initDataDigest));
        } catch (VerificationException e) {
            throw new EvidenceVerificationException(tee, e);
        }
        if (claimSets == null || claimSets.isEmpty()) {
            throw new EvidenceVerificationException(tee, new MalformedEvidenceException("the verifier produced no claims"));
        }
        boolean verbose = tokenBroker.settings().verboseToken();
        List<Verified> out = new ArrayList<>();
        for (VerifiedClaims claims : claimSets) {
            ObjectNode annotated;
            try {
                annotated = AnnotatedEvidence.of(tee, claims.claims(), runtimeDataClaims, initDataClaims, verbose);
            } catch (MalformedEvidenceException e) {
                throw new EvidenceVerificationException(tee, e);
            }
            out.add(new Verified(claims.teeClass(), annotated));
        }
        LOG.debug("{} evidence verified: {} claim set(s)", tee, out.size());
        return out;
    }

    private Appraisal appraise(Verified claims, String policyId) throws AttestationPolicyException {
        String classPolicyId = policyId + "_" + claims.teeClass().label();
        PolicyOutcome outcome;
        try {
            outcome = policyEngine.evaluate(classPolicyId, claims.annotatedEvidence().deepCopy());
        } catch (PolicyException e) {
            throw new AttestationPolicyException(classPolicyId, e);
        }
        try {
            return new Appraisal(TrustVector.of(outcome.trustClaims()), policyId, claims.annotatedEvidence(), outcome.extensions());
        } catch (IllegalArgumentException e) {
            throw new AttestationPolicyException(classPolicyId, e.getMessage());
        }
    }

    /**
     * Installs an attestation policy; the id is class-suffixed ({@code default_cpu}), as the
     * evaluation looks up {@code <policy id>_<class>}.
     */
    public void setPolicy(String policyId, String policyText) throws PolicyException {
        policyEngine.setPolicy(policyId, policyText);
    }

    public List<String> policyIds() throws PolicyException {
        return policyEngine.policyIds();
    }

    /**
     * The supplemental challenge a TEE's evidence must answer ({@code GetAttestationChallenge}, REST
     * {@code /challenge}): empty for every TEE verified here, as in the reference, where only IBM SE
     * (which has no verifier here) asks for one.
     *
     * @throws EvidenceVerificationException when no verifier handles {@code tee}
     */
    public String supplementalChallenge(Tee tee) throws EvidenceVerificationException {
        try {
            verifiers.verifier(tee);
        } catch (VerificationException e) {
            throw new EvidenceVerificationException(tee, e);
        }
        return "";
    }

    /** {@code {"keys":[jwk]}}: the key EAR tokens are signed with, for {@code GET /.well-known/jwks.json}. */
    public ObjectNode jwks() {
        return tokenBroker.jwks();
    }

    /** The key that signs this service's tokens. */
    public io.coco4j.as.ear.TokenSigner tokenSigner() {
        return tokenBroker.signer();
    }

    /** The reference values the policies consult (for the KBS's {@code /reference-value} endpoints). */
    public ReferenceValueProvider referenceValues() {
        return referenceValues;
    }

    public VerifierRegistry verifiers() {
        return verifiers;
    }

    private record Verified(TeeClass teeClass, ObjectNode annotatedEvidence) {
    }

    /** Assembles an {@link AttestationService}; every part but the policy engine and the clock is required. */
    public static final class Builder {
        private StorageBackend storage;
        private EarTokenBrokerSettings tokenSettings;
        private VerifierRegistry verifiers;
        private ReferenceValueProvider referenceValues;
        private AttestationPolicyEngine policyEngine;
        private Limits policyLimits = RegoAttestationPolicyEngine.DEFAULT_LIMITS;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Where attestation policies are kept (namespace {@code attestation_service_policy}). */
        public Builder storage(StorageBackend storage) {
            this.storage = storage;
            return this;
        }

        public Builder tokenBroker(EarTokenBrokerSettings settings) {
            this.tokenSettings = settings;
            return this;
        }

        public Builder verifiers(VerifierRegistry verifiers) {
            this.verifiers = verifiers;
            return this;
        }

        public Builder referenceValues(ReferenceValueProvider referenceValues) {
            this.referenceValues = referenceValues;
            return this;
        }

        /** Replaces the Rego policy engine over the storage (tests). */
        public Builder policyEngine(AttestationPolicyEngine engine) {
            this.policyEngine = engine;
            return this;
        }

        /** Bounds on each evaluation of the built-in Rego policy engine (steps, depth, time). */
        public Builder policyLimits(Limits limits) {
            this.policyLimits = limits;
            return this;
        }

        /** The clock for token times (tests fix it). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public AttestationService build() throws SigningKeyException, StorageException {
            require(tokenSettings, "token broker settings");
            require(verifiers, "verifier registry");
            require(referenceValues, "reference value provider");
            AttestationPolicyEngine engine = policyEngine;
            if (engine == null) {
                require(storage, "storage backend");
                engine = RegoAttestationPolicyEngine.create(storage, referenceValues, policyLimits);
            }
            return new AttestationService(verifiers, engine, referenceValues, EarTokenBroker.create(tokenSettings, clock));
        }

        private static void require(Object part, String name) {
            if (part == null) {
                throw new IllegalStateException(name + " is required");
            }
        }
    }
}
