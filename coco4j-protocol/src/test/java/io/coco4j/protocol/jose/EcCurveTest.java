package io.coco4j.protocol.jose;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EcCurveTest {

    private static ECPublicKey jdkKey(EcCurve curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
        generator.initialize(new ECGenParameterSpec(curve.stdName()));
        KeyPair pair = generator.generateKeyPair();
        return (ECPublicKey) pair.getPublic();
    }

    @ParameterizedTest
    @EnumSource(EcCurve.class)
    void theSubjectPublicKeyInfoIsTheJdksNamedCurveEncoding(EcCurve curve) throws Exception {
        ECPublicKey key = jdkKey(curve);
        byte[] x = curve.encodeCoordinate(key.getW().getAffineX());
        byte[] y = curve.encodeCoordinate(key.getW().getAffineY());
        assertThat(curve.subjectPublicKeyInfo(x, y)).isEqualTo(key.getEncoded());
    }

    @ParameterizedTest
    @EnumSource(value = EcCurve.class, names = {"P256", "P521"})
    void aTeeKeyBecomesTheSamePointOnTheChosenProvider(EcCurve curve) throws Exception {
        ECPublicKey key = jdkKey(curve);
        EcTeePublicKey jwk = EcTeePublicKey.of(key, JoseAlgorithms.ECDH_ES_A256KW);
        ECPublicKey decoded = jwk.toPublicKey(TeePublicKey.KeyPolicy.DEFAULT);
        assertThat(decoded.getW()).isEqualTo(key.getW());
        assertThat(EcCurve.of(decoded.getParams())).isEqualTo(curve);
        assertThat(EcTeePublicKey.of(decoded, curve, JoseAlgorithms.ECDH_ES_A256KW)).isEqualTo(jwk);
    }

    @Test
    void coordinatesOfAnotherLengthAreRefused() {
        assertThatThrownBy(() -> EcCurve.P256.subjectPublicKeyInfo(new byte[31], new byte[32]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("coordinates must be 32 bytes for P-256");
    }
}
