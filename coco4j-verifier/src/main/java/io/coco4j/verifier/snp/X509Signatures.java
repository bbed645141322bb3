package io.coco4j.verifier.snp;

import io.coco4j.protocol.crypto.CryptoProviders;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.PSSParameterSpec;

/**
 * Checks certificate and CRL signatures on the providers the crypto facade chose, rather than
 * whatever {@code X509Certificate.verify} would pick. AMD signs with RSASSA-PSS/SHA-384, whose
 * parameters travel in the signature algorithm identifier.
 */
final class X509Signatures {

    private X509Signatures() {
    }

    static boolean signedBy(X509Certificate cert, PublicKey issuerKey) {
        try {
            return verify(cert.getSigAlgName(), cert.getSigAlgParams(), cert.getTBSCertificate(), cert.getSignature(), issuerKey);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    static boolean signedBy(X509CRL crl, PublicKey issuerKey) {
        try {
            return verify(crl.getSigAlgName(), crl.getSigAlgParams(), crl.getTBSCertList(), crl.getSignature(), issuerKey);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean verify(String algorithm, byte[] params, byte[] tbs, byte[] signature, PublicKey key) throws GeneralSecurityException {
        boolean pss = algorithm.equalsIgnoreCase("RSASSA-PSS") || algorithm.toUpperCase().contains("ANDMGF1");
        Signature verifier = CryptoProviders.get().signature(pss ? "RSASSA-PSS" : algorithm, key);
        if (pss) {
            if (params == null) {
                throw new GeneralSecurityException("RSASSA-PSS signature without parameters");
            }
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("RSASSA-PSS");
            try {
                parameters.init(params);
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException("bad RSASSA-PSS parameters", e);
            }
            verifier.setParameter(parameters.getParameterSpec(PSSParameterSpec.class));
        }
        verifier.initVerify(key);
        verifier.update(tbs);
        return verifier.verify(signature);
    }
}
