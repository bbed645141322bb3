package io.coco4j.rvps.swid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.coco4j.rvps.Extraction;
import io.coco4j.rvps.InvalidMessageException;
import io.coco4j.rvps.ProvenanceException;
import io.coco4j.rvps.ReferenceValueExtractor;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.KeySelector;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code swid} provider: a signed SWID tag with TCG RIM bindings (as NVIDIA publishes for GPU
 * firmware), payload = b64std of the XML. The enveloped XML signature is verified with the JDK's
 * {@code javax.xml.crypto.dsig} (secure validation) using the certificate in its {@code KeyInfo},
 * which must chain through the other {@code KeyInfo} certificates to a configured trust anchor; the
 * signature must cover the whole document. Every {@code Measurement} resource becomes a value named
 * {@code <PlatformManufacturerStr, spaces as _>.<edition>.measurement_<index>} ({@code -} as {@code _})
 * holding its non-zero {@code HashN} digests; resources without one are skipped.
 */
public final class SwidExtractor implements ReferenceValueExtractor {

    public static final String TYPE = "swid";
    static final String SWID_NS = "http://standards.iso.org/iso/19770/-2/2015/schema.xsd";
    static final String RIMIM_NS = "https://trustedcomputinggroup.org/resource/tcg-reference-integrity-manifest-rim-information-model/";
    static final String HASH_NS = "http://www.w3.org/2001/04/xmlenc#sha384";
    private static final Set<String> ALLOWED_TRANSFORMS = Set.of(Transform.ENVELOPED, CanonicalizationMethod.INCLUSIVE,
            CanonicalizationMethod.INCLUSIVE_WITH_COMMENTS, CanonicalizationMethod.EXCLUSIVE,
            CanonicalizationMethod.EXCLUSIVE_WITH_COMMENTS, CanonicalizationMethod.INCLUSIVE_11,
            CanonicalizationMethod.INCLUSIVE_11_WITH_COMMENTS);

    private final Set<TrustAnchor> anchors;
    private final Clock clock;

    /** @param trustedCertificates the CA certificates a RIM's signing certificate must chain to */
    public SwidExtractor(List<X509Certificate> trustedCertificates, Clock clock) {
        Set<TrustAnchor> set = new HashSet<>();
        trustedCertificates.forEach(c -> set.add(new TrustAnchor(c, null)));
        this.anchors = Set.copyOf(set);
        this.clock = clock;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Extraction extract(String payload) throws InvalidMessageException, ProvenanceException {
        byte[] xml;
        try {
            xml = Base64.getMimeDecoder().decode(payload.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException("swid payload is not base64");
        }
        Document document = parse(xml);
        X509Certificate signer = verifySignature(document);
        return new Extraction(referenceValues(document), java.util.Optional.empty(), List.of(fingerprint(signer)), List.of());
    }

    private static Document parse(byte[] xml) throws InvalidMessageException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        } catch (SAXException | IOException e) {
            throw new InvalidMessageException("swid payload is not well-formed XML: " + e.getMessage());
        }
    }

    private X509Certificate verifySignature(Document document) throws InvalidMessageException, ProvenanceException {
        NodeList signatures = document.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature");
        if (signatures.getLength() != 1) {
            throw new ProvenanceException("SWID RIM refused: it must carry exactly one XML signature, found " + signatures.getLength());
        }
        Element signatureElement = (Element) signatures.item(0);
        if (signatureElement.getParentNode() != document.getDocumentElement()) {
            throw new ProvenanceException("SWID RIM refused: the signature must be enveloped in the root element");
        }
        List<X509Certificate> chain = certificates(signatureElement);
        X509Certificate leaf = leaf(chain);
        if (anchors.isEmpty()) {
            throw new ProvenanceException("SWID RIM refused: no trusted RIM signing CA is configured "
                    + "(attestation_service.rvps_config.swid.trusted_certs)");
        }
        DOMValidateContext context = new DOMValidateContext(KeySelector.singletonKeySelector(leaf.getPublicKey()), signatureElement);
        context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
        try {
            XMLSignature signature = XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(context);
            List<?> references = signature.getSignedInfo().getReferences();
            if (references.size() != 1 || !"".equals(((Reference) references.get(0)).getURI())) {
                throw new ProvenanceException("SWID RIM refused: the signature must cover the whole document (one reference, URI \"\")");
            }
            for (Object transform : ((Reference) references.get(0)).getTransforms()) {
                String algorithm = ((Transform) transform).getAlgorithm();
                if (!ALLOWED_TRANSFORMS.contains(algorithm)) {
                    throw new ProvenanceException("SWID RIM refused: signature transform " + algorithm + " is not allowed");
                }
            }
            if (!signature.validate(context)) {
                boolean valueOk = signature.getSignatureValue().validate(context);
                throw new ProvenanceException("SWID RIM refused: " + (valueOk
                        ? "the document was changed after signing (reference digest mismatch)"
                        : "the signature does not verify with the signing certificate"));
            }
        } catch (MarshalException e) {
            throw new InvalidMessageException("SWID RIM signature is malformed: " + e.getMessage());
        } catch (XMLSignatureException e) {
            throw new ProvenanceException("SWID RIM refused: the signature cannot be validated: " + e.getMessage(), e);
        }
        validatePath(leaf, chain);
        return leaf;
    }

    private static List<X509Certificate> certificates(Element signature) throws InvalidMessageException {
        NodeList nodes = signature.getElementsByTagNameNS(XMLSignature.XMLNS, "X509Certificate");
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (int i = 0; i < nodes.getLength(); i++) {
                byte[] der = Base64.getMimeDecoder().decode(nodes.item(i).getTextContent().strip());
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new InvalidMessageException("SWID RIM KeyInfo holds a malformed certificate: " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw new InvalidMessageException("SWID RIM KeyInfo holds no X509Certificate");
        }
        return certificates;
    }

    /** The certificate that issued none of the others. */
    private static X509Certificate leaf(List<X509Certificate> chain) throws InvalidMessageException {
        List<X509Certificate> leaves = new ArrayList<>();
        for (X509Certificate candidate : chain) {
            boolean issuesAnother = chain.stream().anyMatch(other -> other != candidate
                    && other.getIssuerX500Principal().equals(candidate.getSubjectX500Principal())
                    && !other.getSubjectX500Principal().equals(other.getIssuerX500Principal()));
            if (!issuesAnother) {
                leaves.add(candidate);
            }
        }
        if (leaves.size() != 1) {
            throw new InvalidMessageException("SWID RIM KeyInfo certificates do not form one chain");
        }
        return leaves.get(0);
    }

    private void validatePath(X509Certificate leaf, List<X509Certificate> chain) throws ProvenanceException {
        List<X509Certificate> path = new ArrayList<>();
        path.add(leaf);
        X509Certificate current = leaf;
        // leaf first, then each issuer found among the KeyInfo certificates, self-signed roots left out
        while (true) {
            X509Certificate issuer = null;
            for (X509Certificate candidate : chain) {
                if (!path.contains(candidate) && candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())
                        && !candidate.getSubjectX500Principal().equals(candidate.getIssuerX500Principal())) {
                    issuer = candidate;
                }
            }
            if (issuer == null) {
                break;
            }
            path.add(issuer);
            current = issuer;
        }
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(clock.instant()));
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
        } catch (CertPathValidatorException e) {
            throw new ProvenanceException("SWID RIM refused: the signing certificate " + leaf.getSubjectX500Principal().getName()
                    + " does not chain to a trusted RIM signing CA at " + clock.instant() + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new ProvenanceException("SWID RIM refused: cannot validate the signing certificate: " + e.getMessage(), e);
        }
    }

    static Map<String, JsonNode> referenceValues(Document document) throws InvalidMessageException {
        Element meta = first(document, "Meta");
        String manufacturer = meta.getAttributeNS(RIMIM_NS, "PlatformManufacturerStr");
        String edition = meta.getAttribute("edition");
        if (manufacturer.isEmpty() || edition.isEmpty()) {
            throw new InvalidMessageException("SWID RIM Meta has no PlatformManufacturerStr or edition");
        }
        String prefix = manufacturer.replace(" ", "_") + "." + edition;
        Element payload = first(document, "Payload");
        Map<String, JsonNode> values = new LinkedHashMap<>();
        NodeList resources = payload.getElementsByTagNameNS(SWID_NS, "Resource");
        for (int i = 0; i < resources.getLength(); i++) {
            Element resource = (Element) resources.item(i);
            if (!"Measurement".equals(resource.getAttribute("type"))) {
                continue;
            }
            String index = resource.getAttribute("index");
            if (index.isEmpty()) {
                throw new InvalidMessageException("a SWID RIM Measurement resource has no index");
            }
            ArrayNode digests = JsonNodeFactory.instance.arrayNode();
            for (int h = 0; resource.hasAttributeNS(HASH_NS, "Hash" + h); h++) {
                String hash = resource.getAttributeNS(HASH_NS, "Hash" + h);
                if (!hash.chars().allMatch(c -> c == '0')) {
                    digests.add(hash);
                }
            }
            if (!digests.isEmpty()) {
                values.put((prefix + ".measurement_" + index).replace("-", "_"), digests);
            }
        }
        return values;
    }

    private static Element first(Document document, String localName) throws InvalidMessageException {
        NodeList nodes = document.getElementsByTagNameNS(SWID_NS, localName);
        if (nodes.getLength() == 0) {
            throw new InvalidMessageException("SWID RIM has no " + localName + " element");
        }
        return (Element) nodes.item(0);
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
