package dev.edgepass.examples.lambda.coldstart;

import dev.edgepass.core.KeyFormatException;
import dev.edgepass.core.PemKeys;
import java.nio.file.Path;
import java.security.Key;
import java.security.interfaces.RSAKey;

/**
 * Child JVM: reads each PEM file named on the command line ({@code private:file} or
 * {@code public:file}) with {@link PemKeys} and prints one line per file: {@code OK RSA 2048},
 * {@code OK EC}, or {@code REFUSED <reason>}. Run on a deployment jar alone, it shows that every
 * key format still has the BouncyCastle classes it needs in the jar.
 */
public final class PemFormsChild {

    private PemFormsChild() {}

    /**
     * Reads the files.
     *
     * @param args {@code private:path} or {@code public:path} arguments
     */
    public static void main(String[] args) {
        for (String arg : args) {
            Path file = Path.of(arg.substring(arg.indexOf(':') + 1));
            try {
                Key key = arg.startsWith("private:") ? PemKeys.privateKey(file) : PemKeys.publicKey(file);
                System.out.println(file.getFileName() + " OK " + key.getAlgorithm()
                        + (key instanceof RSAKey rsa ? " " + rsa.getModulus().bitLength() : ""));
            } catch (KeyFormatException e) {
                System.out.println(file.getFileName() + " REFUSED " + e.reason());
            }
        }
    }
}
