package io.coco4j.rego.builtins;

import io.coco4j.rego.value.ArrayValue;
import io.coco4j.rego.value.BooleanValue;
import io.coco4j.rego.value.NumberValue;
import io.coco4j.rego.value.ObjectValue;
import io.coco4j.rego.value.StringValue;
import io.coco4j.rego.value.Value;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Digests, HMACs and {@code crypto.x509.parse_certificates}. */
final class CryptoBuiltins implements BuiltinFamily {
    @Override
    public List<Builtin> builtins() {
        return List.of(
                digest("crypto.md5", "MD5"),
                digest("crypto.sha1", "SHA-1"),
                digest("crypto.sha256", "SHA-256"),
                hmac("crypto.hmac.md5", "HmacMD5"),
                hmac("crypto.hmac.sha1", "HmacSHA1"),
                hmac("crypto.hmac.sha256", "HmacSHA256"),
                hmac("crypto.hmac.sha512", "HmacSHA512"),
                SimpleBuiltin.of("crypto.hmac.equal", 2, (a, c) -> BooleanValue.of(MessageDigest.isEqual(
                        Operands.string("crypto.hmac.equal", a, 0, c).getBytes(StandardCharsets.UTF_8),
                        Operands.string("crypto.hmac.equal", a, 1, c).getBytes(StandardCharsets.UTF_8)))),
                SimpleBuiltin.of("crypto.x509.parse_certificates", 1, CryptoBuiltins::parseCertificates));
    }

    private static Builtin digest(String name, String alg) {
        return SimpleBuiltin.of(name, 1, (a, c) -> {
            try {
                byte[] d = MessageDigest.getInstance(alg).digest(Operands.string(name, a, 0, c).getBytes(StandardCharsets.UTF_8));
                return StringValue.of(HexFormat.of().formatHex(d));
            } catch (GeneralSecurityException e) {
                throw Operands.failure(name, e.getMessage());
            }
        });
    }

    private static Builtin hmac(String name, String alg) {
        return SimpleBuiltin.of(name, 2, (a, c) -> {
            try {
                Mac mac = Mac.getInstance(alg);
                byte[] key = Operands.string(name, a, 1, c).getBytes(StandardCharsets.UTF_8);
                // An empty key is equivalent to a single zero byte: HMAC pads keys with zeros.
                mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, alg));
                return StringValue.of(HexFormat.of().formatHex(mac.doFinal(Operands.string(name, a, 0, c).getBytes(StandardCharsets.UTF_8))));
            } catch (GeneralSecurityException e) {
                throw Operands.failure(name, e.getMessage());
            }
        });
    }

    /** Accepts PEM, base64 of DER, or base64 of PEM; returns each certificate's main fields. */
    private static Value parseCertificates(Value[] a, BuiltinContext c) {
        String s = Operands.string("crypto.x509.parse_certificates", a, 0, c).strip();
        byte[] input;
        if (s.startsWith("-----BEGIN")) {
            input = s.getBytes(StandardCharsets.US_ASCII);
        } else {
            try {
                input = Base64.getMimeDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                throw Operands.failure("crypto.x509.parse_certificates", "illegal base64 data");
            }
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<Value> out = new ArrayList<>();
            for (var cert : cf.generateCertificates(new ByteArrayInputStream(input))) {
                X509Certificate x = (X509Certificate) cert;
                ObjectValue.Builder b = ObjectValue.builder();
                b.put("Version", NumberValue.of(x.getVersion()));
                b.put("SerialNumber", NumberValue.of(x.getSerialNumber()));
                b.put("Subject", dn(x.getSubjectX500Principal().getName()));
                b.put("Issuer", dn(x.getIssuerX500Principal().getName()));
                b.put("NotBefore", StringValue.of(x.getNotBefore().toInstant().toString()));
                b.put("NotAfter", StringValue.of(x.getNotAfter().toInstant().toString()));
                b.put("SignatureAlgorithm", StringValue.of(x.getSigAlgName()));
                b.put("Raw", StringValue.of(Base64.getEncoder().encodeToString(x.getEncoded())));
                out.add(b.build());
            }
            if (out.isEmpty()) {
                throw Operands.failure("crypto.x509.parse_certificates", "no certificates found");
            }
            return ArrayValue.of(out);
        } catch (GeneralSecurityException e) {
            throw Operands.failure("crypto.x509.parse_certificates", e.getMessage());
        }
    }

    private static Value dn(String rfc2253) {
        ObjectValue.Builder b = ObjectValue.builder();
        b.put("String", StringValue.of(rfc2253));
        return b.build();
    }
}
