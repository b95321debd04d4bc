package dev.edgepass.core;

import static dev.edgepass.core.internal.Redaction.quote;

import dev.edgepass.core.KeyFormatException.Reason;
import dev.edgepass.core.internal.DerKeys;
import dev.edgepass.core.internal.JdkKeys;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Loads the RSA and EC keys that CloudFront and Cognito use from PEM text or DER bytes.
 *
 * <p>Private keys: PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what {@code openssl genrsa} and the
 * CloudFront documentation produce), PKCS#8 ({@code BEGIN PRIVATE KEY}), SEC1
 * ({@code BEGIN EC PRIVATE KEY}, also after an {@code EC PARAMETERS} block as
 * {@code openssl ecparam -genkey} writes it), and the DER encoding of any of them. Public keys:
 * {@code BEGIN PUBLIC KEY} (what CloudFront stores), {@code BEGIN RSA PUBLIC KEY}, and DER.
 *
 * <p>Only keys edgepass can use safely are returned: RSA of at least 2048 bits and EC on P-256.
 * Anything else throws {@link KeyFormatException} with a {@link KeyFormatException.Reason}.
 * The returned keys are the JDK's own key objects; signers and verifiers translate them once to
 * the signature provider they use.
 *
 * <pre>{@code
 * PrivateKey key = PemKeys.privateKey(Path.of("private_key.pem"));
 * PublicKey pub = PemKeys.publicKey(Files.readString(Path.of("public_key.pem")));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class PemKeys {

    /** The smallest RSA modulus accepted, in bits: CloudFront's requirement and NIST's floor. */
    public static final int MIN_RSA_BITS = 2048;

    private static final String ACCEPTED_PRIVATE =
            "accepted: PEM 'RSA PRIVATE KEY' (PKCS#1), 'PRIVATE KEY' (PKCS#8), 'EC PRIVATE KEY' (SEC1),"
                    + " or their DER bytes; RSA >= 2048 bits or EC P-256";
    private static final String ACCEPTED_PUBLIC =
            "accepted: PEM 'PUBLIC KEY' (X.509 SubjectPublicKeyInfo) or 'RSA PUBLIC KEY' (PKCS#1),"
                    + " or their DER bytes; RSA >= 2048 bits or EC P-256";

    private PemKeys() {}

    /**
     * Reads a private key from PEM text.
     *
     * @param pem the PEM text, surrounding whitespace and other blocks allowed
     * @return the key, RSA (at least 2048 bits) or EC P-256
     * @throws NullPointerException if {@code pem} is null
     * @throws KeyFormatException   if no usable private key is found
     */
    public static PrivateKey privateKey(String pem) {
        Objects.requireNonNull(pem, "pem");
        byte[] pkcs8 = singleBlock(pem, "PRIVATE KEY");
        if (pkcs8 != null) {
            PrivateKey key = JdkKeys.privateKey(pkcs8);
            if (key != null) {
                return checkStrength(key, ACCEPTED_PRIVATE);
            }
        }
        Object parsed = readFirstKeyObject(pem, ACCEPTED_PRIVATE);
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        PrivateKey key;
        try {
            if (parsed instanceof PEMKeyPair pair) {
                key = converter.getKeyPair(pair).getPrivate();
            } else if (parsed instanceof PrivateKeyInfo info) {
                key = converter.getPrivateKey(info);
            } else if (parsed instanceof PEMEncryptedKeyPair || parsed instanceof PKCS8EncryptedPrivateKeyInfo) {
                throw new KeyFormatException(Reason.ENCRYPTED,
                        "private key is encrypted; decrypt it first (openssl pkey -in key.pem -out plain.pem); "
                                + ACCEPTED_PRIVATE);
            } else if (parsed instanceof SubjectPublicKeyInfo) {
                throw new KeyFormatException(Reason.UNSUPPORTED_TYPE,
                        "found a public key where a private key was expected; " + ACCEPTED_PRIVATE);
            } else {
                throw new KeyFormatException(Reason.UNSUPPORTED_TYPE,
                        "found PEM block " + quote(label(pem)) + ", which is not a private key; " + ACCEPTED_PRIVATE);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof KeyFormatException kfe) {
                throw kfe;
            }
            throw unusable(e, ACCEPTED_PRIVATE);
        }
        return checkStrength(key, ACCEPTED_PRIVATE);
    }

    /**
     * Reads a private key from a PEM file.
     *
     * @param path the file, read as UTF-8
     * @return the key, RSA (at least 2048 bits) or EC P-256
     * @throws NullPointerException if {@code path} is null
     * @throws UncheckedIOException if the file cannot be read
     * @throws KeyFormatException   if no usable private key is found
     * @see #privateKey(String)
     */
    public static PrivateKey privateKey(Path path) {
        return privateKey(read(path));
    }

    /**
     * Reads a private key from its DER encoding: PKCS#8, PKCS#1 RSA or SEC1 EC.
     *
     * @param der the DER bytes, not modified
     * @return the key, RSA (at least 2048 bits) or EC P-256
     * @throws NullPointerException if {@code der} is null
     * @throws KeyFormatException   if the bytes are not a usable private key
     */
    public static PrivateKey privateKey(byte[] der) {
        Objects.requireNonNull(der, "der");
        if (der.length == 0) {
            throw new KeyFormatException(Reason.NOT_PEM, "key input is empty; " + ACCEPTED_PRIVATE);
        }
        PrivateKeyInfo info;
        try {
            info = DerKeys.privateKeyInfo(der);
        } catch (RuntimeException e) {
            throw new KeyFormatException(Reason.MALFORMED,
                    "DER bytes are not a PKCS#8, PKCS#1 or SEC1 private key (" + e.getClass().getSimpleName() + "); "
                            + ACCEPTED_PRIVATE, e);
        }
        try {
            return checkStrength(new JcaPEMKeyConverter().getPrivateKey(info), ACCEPTED_PRIVATE);
        } catch (IOException | RuntimeException e) {
            if (e instanceof KeyFormatException kfe) {
                throw kfe;
            }
            throw unusable(e, ACCEPTED_PRIVATE);
        }
    }

    /**
     * Reads a public key from PEM text: {@code BEGIN PUBLIC KEY} or {@code BEGIN RSA PUBLIC KEY}.
     *
     * @param pem the PEM text
     * @return the key, RSA (at least 2048 bits) or EC P-256
     * @throws NullPointerException if {@code pem} is null
     * @throws KeyFormatException   if no usable public key is found
     */
    public static PublicKey publicKey(String pem) {
        Objects.requireNonNull(pem, "pem");
        byte[] spki = singleBlock(pem, "PUBLIC KEY");
        if (spki != null) {
            PublicKey key = JdkKeys.publicKey(spki);
            if (key != null) {
                return checkStrength(key, ACCEPTED_PUBLIC);
            }
        }
        Object parsed = readFirstKeyObject(pem, ACCEPTED_PUBLIC);
        if (!(parsed instanceof SubjectPublicKeyInfo info)) {
            String what = parsed instanceof PEMKeyPair || parsed instanceof PrivateKeyInfo
                    || parsed instanceof PEMEncryptedKeyPair || parsed instanceof PKCS8EncryptedPrivateKeyInfo
                    ? "a private key where a public key was expected"
                    : "PEM block " + quote(label(pem)) + ", which is not a public key";
            throw new KeyFormatException(Reason.UNSUPPORTED_TYPE, "found " + what + "; " + ACCEPTED_PUBLIC);
        }
        try {
            return checkStrength(new JcaPEMKeyConverter().getPublicKey(info), ACCEPTED_PUBLIC);
        } catch (IOException | RuntimeException e) {
            if (e instanceof KeyFormatException kfe) {
                throw kfe;
            }
            throw unusable(e, ACCEPTED_PUBLIC);
        }
    }

    /**
     * Reads a public key from a PEM file.
     *
     * @param path the file, read as UTF-8
     * @return the key, RSA (at least 2048 bits) or EC P-256
     * @throws NullPointerException if {@code path} is null
     * @throws UncheckedIOException if the file cannot be read
     * @throws KeyFormatException   if no usable public key is found
     * @see #publicKey(String)
     */
    public static PublicKey publicKey(Path path) {
        return publicKey(read(path));
    }

    /**
     * Reads a public key from its DER encoding (X.509 SubjectPublicKeyInfo or PKCS#1 RSA).
     *
     * @param der the DER bytes, not modified
     * @return the key, RSA (at least 2048 bits) or EC P-256
     * @throws NullPointerException if {@code der} is null
     * @throws KeyFormatException   if the bytes are not a usable public key
     */
    public static PublicKey publicKey(byte[] der) {
        Objects.requireNonNull(der, "der");
        if (der.length == 0) {
            throw new KeyFormatException(Reason.NOT_PEM, "key input is empty; " + ACCEPTED_PUBLIC);
        }
        SubjectPublicKeyInfo info;
        try {
            info = DerKeys.subjectPublicKeyInfo(der);
        } catch (RuntimeException e) {
            throw new KeyFormatException(Reason.MALFORMED,
                    "DER bytes are not an X.509 or PKCS#1 public key (" + e.getClass().getSimpleName() + "); "
                            + ACCEPTED_PUBLIC, e);
        }
        try {
            return checkStrength(new JcaPEMKeyConverter().getPublicKey(info), ACCEPTED_PUBLIC);
        } catch (IOException | RuntimeException e) {
            if (e instanceof KeyFormatException kfe) {
                throw kfe;
            }
            throw unusable(e, ACCEPTED_PUBLIC);
        }
    }

    /**
     * Checks that a key from any source is one edgepass accepts: RSA of at least 2048 bits or EC
     * on P-256.
     *
     * @param key the key
     * @param <K> the key type
     * @return {@code key}
     * @throws NullPointerException if {@code key} is null
     * @throws KeyFormatException   with {@code UNSUPPORTED_ALGORITHM}, {@code KEY_TOO_SMALL} or
     *                              {@code UNSUPPORTED_CURVE}
     */
    public static <K extends Key> K requireSupported(K key) {
        Objects.requireNonNull(key, "key");
        return checkStrength(key, "accepted: RSA >= 2048 bits or EC P-256");
    }

    private static <K extends Key> K checkStrength(K key, String accepted) {
        if (key instanceof RSAKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw new KeyFormatException(Reason.KEY_TOO_SMALL,
                        "RSA key has " + bits + " bits, at least " + MIN_RSA_BITS + " are required; " + accepted);
            }
        } else if (key instanceof ECKey ec) {
            if (!isP256(ec.getParams())) {
                throw new KeyFormatException(Reason.UNSUPPORTED_CURVE,
                        "EC key is on a curve of " + ec.getParams().getCurve().getField().getFieldSize()
                                + " bits other than P-256; " + accepted);
            }
        } else {
            throw new KeyFormatException(Reason.UNSUPPORTED_ALGORITHM,
                    "key algorithm " + quote(key.getAlgorithm()) + " is not supported; " + accepted);
        }
        return key;
    }

    private static boolean isP256(ECParameterSpec params) {
        ECParameterSpec p256 = P256.SPEC;
        return params != null
                && params.getOrder().equals(p256.getOrder())
                && params.getGenerator().equals(p256.getGenerator())
                && params.getCurve().equals(p256.getCurve());
    }

    private static Object readFirstKeyObject(String pem, String accepted) {
        if (pem.isBlank()) {
            throw new KeyFormatException(Reason.NOT_PEM, "key input is empty; " + accepted);
        }
        if (!pem.contains("-----BEGIN ")) {
            throw new KeyFormatException(Reason.NOT_PEM, "found no '-----BEGIN ...-----' line; " + accepted);
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object parsed;
            do {
                parsed = parser.readObject();
                // openssl ecparam -genkey writes an EC PARAMETERS block before the key.
            } while (parsed instanceof ASN1ObjectIdentifier);
            if (parsed == null) {
                throw new KeyFormatException(Reason.MALFORMED,
                        "PEM block " + quote(label(pem)) + " has no matching END line or no content; " + accepted);
            }
            return parsed;
        } catch (IOException | RuntimeException e) {
            if (e instanceof KeyFormatException kfe) {
                throw kfe;
            }
            throw new KeyFormatException(Reason.MALFORMED,
                    "PEM block " + quote(label(pem)) + " could not be decoded (" + e.getClass().getSimpleName()
                            + "); " + accepted, e);
        }
    }

    /**
     * Returns the DER body when {@code pem} is exactly one strict-base64 block with {@code label},
     * else null. The common PKCS#8 and SPKI forms are then read by the JDK alone, which keeps
     * BouncyCastle's PEM parser out of a Lambda cold start (about 80 ms measured); anything else,
     * including every malformed input, takes the BouncyCastle path and its precise errors.
     */
    private static byte[] singleBlock(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from || pem.indexOf("-----BEGIN", from + 1) >= 0
                || !pem.substring(0, from).isBlank() || !pem.substring(to + end.length()).isBlank()) {
            return null;
        }
        String body = withoutWhitespace(pem, from + begin.length(), to);
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Removes spaces, tabs and line breaks; a loop rather than a regex, which a cold start would pay to compile. */
    private static String withoutWhitespace(String s, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static KeyFormatException unusable(Exception e, String accepted) {
        return new KeyFormatException(Reason.MALFORMED,
                "key structure is invalid (" + e.getClass().getSimpleName() + "); " + accepted, e);
    }

    private static String label(String pem) {
        Matcher m = Labels.BEGIN.matcher(pem);
        return m.find() ? m.group(1) : "";
    }

    private static String read(Path path) {
        Objects.requireNonNull(path, "path");
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + path, e);
        }
    }

    /** The PEM label pattern, compiled only when an error message needs it. */
    private static final class Labels {
        static final Pattern BEGIN = Pattern.compile("-----BEGIN ([^-\\r\\n]{0,200})-----");
    }

    /**
     * The P-256 domain parameters, looked up on the first EC key: the look-up loads the JDK's EC
     * provider (and the providers listed before it), which an RSA-only cold start never needs.
     */
    private static final class P256 {
        static final ECParameterSpec SPEC = p256();

        private static ECParameterSpec p256() {
            try {
                AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
                params.init(new ECGenParameterSpec("secp256r1"));
                return params.getParameterSpec(ECParameterSpec.class);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this JDK does not know the P-256 curve", e);
            }
        }
    }
}
