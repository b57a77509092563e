package io.cacifo.kit.security;

import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;

/**
 * The one curve back-end signatures use, NIST P-256 (secp256r1), and the checks that a key is on it.
 * A key on another curve would verify nothing we sign and weaken nothing we check, but it is an
 * operator's mistake worth a clear message at start rather than 401s at run time.
 */
final class EcP256 {
    static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final ECParameterSpec P256 = parameters();

    private EcP256() {
    }

    static <K extends Key> K require(K key, String kind) {
        if (!(key instanceof ECKey) || !isP256(((ECKey) key).getParams())) {
            throw new IllegalStateException("the EC " + kind + " key is not on curve P-256 (secp256r1)");
        }
        return key;
    }

    /** True when the private key's signature verifies under the public key: the two are one pair. */
    static boolean belongTogether(KeyPair pair) {
        byte[] probe = "cacifo-key-pair-probe".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM);
            signer.initSign(pair.getPrivate());
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
            verifier.initVerify(pair.getPublic());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean isP256(ECParameterSpec params) {
        return params != null
                && P256.getCurve().equals(params.getCurve())
                && P256.getGenerator().equals(params.getGenerator())
                && P256.getOrder().equals(params.getOrder())
                && P256.getCofactor() == params.getCofactor();
    }

    private static ECParameterSpec parameters() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JRE has no P-256 curve (SunEC missing?)", e);
        }
    }
}
