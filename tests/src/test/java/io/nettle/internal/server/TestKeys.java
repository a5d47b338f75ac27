package io.nettle.internal.server;

import java.security.AlgorithmParameters;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;

/** Private keys written as tools write them, made with the JDK at test time. */
final class TestKeys {
    /** PKCS#12 PBE with 3DES: an algorithm the JDK can both write and name in {@link EncryptedPrivateKeyInfo}. */
    private static final String PBE = "PBEWithSHA1AndDESede";

    private TestKeys() {
    }

    /** {@code key} as an encrypted PKCS#8 PEM ({@code -----BEGIN ENCRYPTED PRIVATE KEY-----}). */
    static String encryptedPkcs8Pem(PrivateKey key, char[] password) throws Exception {
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        Cipher cipher = Cipher.getInstance(PBE);
        cipher.init(Cipher.ENCRYPT_MODE, SecretKeyFactory.getInstance(PBE).generateSecret(new PBEKeySpec(password)),
            new PBEParameterSpec(salt, 10_000));
        byte[] encrypted = cipher.doFinal(key.getEncoded());
        AlgorithmParameters parameters = cipher.getParameters();
        byte[] der = new EncryptedPrivateKeyInfo(parameters, encrypted).getEncoded();
        return "-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
            + "\n-----END ENCRYPTED PRIVATE KEY-----\n";
    }
}
