package io.cacifo.kit.security;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/**
 * Fresh key pairs of the two kinds cacifo uses: EC P-256 for the back-end's request signatures, RSA
 * for a locker's code envelopes. Used by the back-end tool's keygen and by tests; a locker never
 * makes its own keys at run time.
 */
public final class KeyPairs {
    private KeyPairs() {
    }

    public static KeyPair ecP256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JRE cannot make P-256 keys (SunEC missing?)", e);
        }
    }

    /** An RSA pair with public exponent 65537; {@code bits} from 2048 (3072 for keys meant to last). */
    public static KeyPair rsa(int bits) {
        if (bits < 2048) {
            throw new IllegalArgumentException("RSA keys have at least 2048 bits, not " + bits);
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), new SecureRandom());
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JRE cannot make RSA keys", e);
        }
    }
}
