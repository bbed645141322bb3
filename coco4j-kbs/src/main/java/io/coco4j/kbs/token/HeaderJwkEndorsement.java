package io.coco4j.kbs.token;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.kbs.jwks.JwkPublicKeys;
import io.coco4j.kbs.jwks.JwsException;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a token header's {@code jwk} is endorsed by the trusted certificates: the JWK must be
 * an RSA or EC P-256 key, carry a non-empty {@code x5c}, its first certificate must hold the same
 * public key, and that certificate must chain through the rest of {@code x5c} (in any order) to a
 * trusted self-signed root, every certificate being valid at the current time.
 *
 * <p>An attestation service signs every token with the same header key, and the KBS checks a token
 * on every resource request, so endorsed keys are remembered (a few dozen at most) together with the
 * period in which every certificate of their path is valid; outside that period the path is built again.
 */
public final class HeaderJwkEndorsement {

    private static final int P256_FIELD_BITS = 256;
    private static final int CACHE_SIZE = 64;

    /** An endorsed key and the period in which its whole certificate path is valid. */
    public record Endorsed(PublicKey key, Instant validFrom, Instant validUntil) {
    }

    private final Map<String, Endorsed> endorsed = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Endorsed> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    private final TrustedCertificates trusted;
    private final Set<TrustAnchor> anchors;
    private final Clock clock;

    public HeaderJwkEndorsement(TrustedCertificates trusted, Clock clock) {
        this.trusted = trusted;
        this.clock = clock;
        Set<TrustAnchor> set = new HashSet<>();
        for (X509Certificate root : trusted.roots()) {
            set.add(new TrustAnchor(root, null));
        }
        this.anchors = Set.copyOf(set);
    }

    /** The endorsed key of {@code jwk}. */
    public PublicKey verify(JsonNode jwk) throws TokenVerificationException {
        return endorse(jwk).key();
    }

    /** The endorsed key of {@code jwk}, with the period its certificate path is valid in. */
    public Endorsed endorse(JsonNode jwk) throws TokenVerificationException {
        if (anchors.isEmpty()) {
            throw new TokenVerificationException("the token header carries a jwk, but no trusted root certificate "
                    + "is configured (attestation_token.trusted_certs_paths) to endorse it");
        }
        String cacheKey = jwk.toString();
        Instant instant = clock.instant();
        Endorsed known = endorsed.get(cacheKey);
        if (known != null && !instant.isBefore(known.validFrom()) && !instant.isAfter(known.validUntil())) {
            return known;
        }
        PublicKey key;
        try {
            key = JwkPublicKeys.toPublicKey(jwk);
        } catch (JwsException e) {
            throw new TokenVerificationException("the token header jwk is unusable: " + e.getMessage(), e);
        }
        boolean supported = key instanceof RSAPublicKey
                || key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == P256_FIELD_BITS;
        if (!supported) {
            throw new TokenVerificationException("only RSA and EC P-256 header keys can be endorsed by x5c");
        }
        List<X509Certificate> chain = x5c(jwk);
        X509Certificate leaf = chain.get(0);
        if (!JwkPublicKeys.sameKey(key, leaf.getPublicKey())) {
            throw new TokenVerificationException("the token header jwk does not match x5c[0]");
        }
        Date now = Date.from(instant);
        List<X509Certificate> path = null;
        for (X509Certificate root : trusted.roots()) {
            if (Arrays.equals(encoded(root), encoded(leaf))) {
                checkValidity(leaf, now);
                path = List.of(leaf);
            }
        }
        if (path == null) {
            path = buildPath(leaf, chain.subList(1, chain.size()), now);
        }
        Instant validFrom = Instant.MIN;
        Instant validUntil = Instant.MAX;
        for (X509Certificate certificate : path) {
            validFrom = max(validFrom, certificate.getNotBefore().toInstant());
            validUntil = min(validUntil, certificate.getNotAfter().toInstant());
        }
        Endorsed result = new Endorsed(key, validFrom, validUntil);
        endorsed.put(cacheKey, result);
        return result;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** The certificates of the path from {@code leaf} to its trust anchor, anchor included. */
    private List<X509Certificate> buildPath(X509Certificate leaf, List<X509Certificate> intermediates, Date now)
            throws TokenVerificationException {
        List<X509Certificate> pool = new ArrayList<>(intermediates);
        pool.addAll(trusted.intermediates());
        pool.add(leaf);
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(leaf);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
            parameters.setRevocationEnabled(false);
            parameters.setDate(now);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
            var result = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
            List<X509Certificate> path = new ArrayList<>();
            for (var certificate : result.getCertPath().getCertificates()) {
                path.add((X509Certificate) certificate);
            }
            path.add(result.getTrustAnchor().getTrustedCert());
            return path;
        } catch (CertPathBuilderException e) {
            checkValidity(leaf, now);
            throw new TokenVerificationException("the token header x5c does not chain to a trusted root certificate"
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        } catch (GeneralSecurityException e) {
            throw new TokenVerificationException("cannot check the x5c chain: " + e.getMessage(), e);
        }
    }

    private static void checkValidity(X509Certificate certificate, Date now) throws TokenVerificationException {
        try {
            certificate.checkValidity(now);
        } catch (CertificateExpiredException e) {
            throw new TokenVerificationException("the token signing certificate ("
                    + certificate.getSubjectX500Principal().getName() + ") expired on "
                    + certificate.getNotAfter().toInstant(), e);
        } catch (CertificateNotYetValidException e) {
            throw new TokenVerificationException("the token signing certificate ("
                    + certificate.getSubjectX500Principal().getName() + ") is not valid before "
                    + certificate.getNotBefore().toInstant(), e);
        }
    }

    /** x5c entries are standard base64 DER; URL-safe characters and embedded line breaks are tolerated. */
    private static List<X509Certificate> x5c(JsonNode jwk) throws TokenVerificationException {
        JsonNode x5c = jwk.get("x5c");
        if (x5c == null || x5c.isNull() || (x5c.isArray() && x5c.isEmpty())) {
            throw new TokenVerificationException("the token header jwk has no x5c certificate chain");
        }
        if (!x5c.isArray()) {
            throw new TokenVerificationException("the token header jwk's x5c is not an array");
        }
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (int i = 0; i < x5c.size(); i++) {
                JsonNode entry = x5c.get(i);
                if (!entry.isTextual()) {
                    throw new TokenVerificationException("x5c[" + i + "] is not a string");
                }
                String text = entry.textValue().replaceAll("\\s", "").replace('-', '+').replace('_', '/');
                byte[] der;
                try {
                    der = Base64.getDecoder().decode(text.length() % 4 == 0 ? text : text + "=".repeat(4 - text.length() % 4));
                } catch (IllegalArgumentException e) {
                    throw new TokenVerificationException("x5c[" + i + "] is not base64");
                }
                try {
                    chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
                } catch (CertificateException e) {
                    throw new TokenVerificationException("x5c[" + i + "] is not an X.509 certificate", e);
                }
            }
        } catch (CertificateException e) {
            throw new IllegalStateException("X.509 support missing from the JDK", e);
        }
        return chain;
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            return new byte[0];
        }
    }
}
