package dev.edgepass.cli.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgepass keygen}: makes a key pair for a CloudFront key group. */
@Command(name = "keygen", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Make a signing key pair: the private key (PKCS#8, or PKCS#1/SEC1 with --traditional), readable by"
                + " its owner only, and the public key as BEGIN PUBLIC KEY, the form CloudFront's Create public key takes.",
                "Refuses to overwrite a file unless --force; on any error nothing is written."},
        footer = {"", "Exit codes: 0 done, 2 usage error (a file exists, a bad option, a directory that cannot be written)."})
public final class KeygenCommand implements Callable<Integer> {

    /** The algorithms keygen makes. */
    static final List<String> ALGORITHMS = List.of("rsa-2048", "rsa-3072", "rsa-4096", "ec-p256");

    /** Offers {@link #ALGORITHMS} to shell completion. */
    static final class Algorithms implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ALGORITHMS.iterator();
        }
    }

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = {"-a", "--algorithm"}, paramLabel = "ALG", defaultValue = "rsa-2048", completionCandidates = Algorithms.class,
            description = "rsa-2048, rsa-3072, rsa-4096 or ec-p256. CloudFront key groups take rsa-2048 and ec-p256."
                    + " Default: ${DEFAULT-VALUE}.")
    String algorithm;

    @Option(names = "--private-key", paramLabel = "FILE", defaultValue = "private_key.pem",
            description = "Where to write the private key. Default: ${DEFAULT-VALUE}.")
    String privateKeyFile;

    @Option(names = "--public-key", paramLabel = "FILE", defaultValue = "public_key.pem",
            description = "Where to write the public key. Default: ${DEFAULT-VALUE}.")
    String publicKeyFile;

    @Option(names = "--traditional", description = "Write the private key as PKCS#1 (BEGIN RSA PRIVATE KEY) or SEC1"
            + " (BEGIN EC PRIVATE KEY), as openssl genrsa -traditional and openssl ecparam do.")
    boolean traditional;

    @Option(names = "--force", description = "Overwrite existing files.")
    boolean force;

    /** Creates the command; picocli calls it. */
    public KeygenCommand() {}

    @Override
    public Integer call() {
        Console console = Console.of(spec, common);
        String alg = algorithm.toLowerCase(java.util.Locale.ROOT);
        if (!ALGORITHMS.contains(alg)) {
            throw new UsageException("--algorithm must be one of " + String.join(", ", ALGORITHMS) + ", was "
                    + Text.quote(algorithm));
        }
        Path priv = path(privateKeyFile, "--private-key");
        Path pub = path(publicKeyFile, "--public-key");
        if (priv.toAbsolutePath().normalize().equals(pub.toAbsolutePath().normalize())) {
            throw new UsageException("--private-key and --public-key name the same file " + Inputs.display(privateKeyFile));
        }
        for (Path p : List.of(priv, pub)) {
            if (Files.isDirectory(p)) {
                throw new UsageException(Inputs.display(p.toString()) + " is a directory");
            }
            if (!force && Files.exists(p)) {
                throw new UsageException(Inputs.display(p.toString()) + " exists; use --force to overwrite it");
            }
            Path dir = parent(p);
            if (!Files.isDirectory(dir)) {
                throw new UsageException("cannot write " + Inputs.display(p.toString()) + ": directory "
                        + Inputs.display(dir.toString()) + " does not exist");
            }
        }
        List<String> warnings = new ArrayList<>();
        if (alg.equals("rsa-3072") || alg.equals("rsa-4096")) {
            warnings.add("CloudFront key groups take RSA-2048 and ECDSA P-256 public keys only (CloudFront API Reference,"
                    + " PublicKey); an " + alg.toUpperCase(java.util.Locale.ROOT) + " key suits origins that check"
                    + " signatures themselves");
        }

        KeyPair pair = generate(alg);
        String privateLabel;
        byte[] privateDer;
        if (alg.startsWith("rsa")) {
            byte[] pkcs8 = pair.getPrivate().getEncoded();
            if (traditional) {
                privateLabel = "RSA PRIVATE KEY";
                privateDer = der(() -> PrivateKeyInfo.getInstance(pkcs8).parsePrivateKey().toASN1Primitive().getEncoded());
            } else {
                privateLabel = "PRIVATE KEY";
                privateDer = pkcs8;
            }
        } else {
            ECPrivateKey key = (ECPrivateKey) pair.getPrivate();
            DERBitString point = new DERBitString(uncompressed((ECPublicKey) pair.getPublic()));
            if (traditional) {
                privateLabel = "EC PRIVATE KEY";
                privateDer = der(() -> new org.bouncycastle.asn1.sec.ECPrivateKey(256, key.getS(), point,
                        new X962Parameters(SECObjectIdentifiers.secp256r1)).getEncoded());
            } else {
                // PKCS#8 names the curve in the algorithm identifier; the inner SEC1 key carries the
                // public point, as OpenSSL writes it, so tools need not recompute it.
                privateLabel = "PRIVATE KEY";
                privateDer = der(() -> new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                        SECObjectIdentifiers.secp256r1), new org.bouncycastle.asn1.sec.ECPrivateKey(256, key.getS(), point, null))
                        .getEncoded());
            }
        }
        String privatePem = pem(privateLabel, privateDer);
        String publicPem = pem("PUBLIC KEY", pair.getPublic().getEncoded());
        boolean posix = priv.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!posix) {
            warnings.add("this file system has no POSIX permissions: restrict " + privateKeyFile + " to your user yourself");
        }
        writeBoth(priv, privatePem, pub, publicPem, posix);

        String name = alg.toUpperCase(java.util.Locale.ROOT).replace("EC-P256", "ECDSA P-256");
        String format = privateLabel.equals("PRIVATE KEY") ? "PKCS#8" : alg.startsWith("rsa") ? "PKCS#1" : "SEC1";
        if (console.json()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("algorithm", name);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("path", privateKeyFile);
            p.put("format", format);
            p.put("pemLabel", privateLabel);
            p.put("permissions", posix ? "rw-------" : null);
            o.put("privateKey", p);
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("path", publicKeyFile);
            q.put("format", "SubjectPublicKeyInfo");
            q.put("pemLabel", "PUBLIC KEY");
            q.put("pem", publicPem);
            o.put("publicKey", q);
            o.put("warnings", warnings);
            console.printJson(o);
        } else {
            int width = Math.max(privateKeyFile.length(), publicKeyFile.length());
            console.println("wrote " + pad(privateKeyFile, width) + "  " + name + " private key, " + format + " (BEGIN "
                    + privateLabel + ")" + (posix ? ", owner-only (rw-------)" : ""));
            console.println("wrote " + pad(publicKeyFile, width) + "  public key, SubjectPublicKeyInfo (BEGIN PUBLIC KEY)");
            console.println("next: in CloudFront > Key management > Public keys > Create public key, paste " + publicKeyFile
                    + ";");
            console.println("      then sign with --private-key " + privateKeyFile + " --key-pair-id <the id CloudFront shows>");
            for (String w : warnings) {
                console.warn(w);
            }
        }
        return 0;
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    private static Path path(String name, String option) {
        try {
            return Path.of(name);
        } catch (InvalidPathException e) {
            throw new UsageException(option + " " + Inputs.display(name) + " is not a valid path");
        }
    }

    private static Path parent(Path p) {
        Path parent = p.toAbsolutePath().getParent();
        return parent == null ? p.toAbsolutePath().getRoot() : parent;
    }

    private static KeyPair generate(String alg) {
        try {
            if (alg.equals("ec-p256")) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"));
                return g.generateKeyPair();
            }
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(Integer.parseInt(alg.substring(4)));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot make " + alg + " keys", e);
        }
    }

    /** Encodes an EC public point as 04 || X || Y, each coordinate 32 bytes. */
    private static byte[] uncompressed(ECPublicKey key) {
        byte[] out = new byte[65];
        out[0] = 4;
        copy32(key.getW().getAffineX(), out, 1);
        copy32(key.getW().getAffineY(), out, 33);
        return out;
    }

    private static void copy32(BigInteger v, byte[] out, int offset) {
        byte[] b = v.toByteArray();
        int n = Math.min(b.length, 32);
        System.arraycopy(b, b.length - n, out, offset + 32 - n, n);
    }

    /** Encoding that cannot fail for keys made here; an IOException would be a bug. */
    private interface Encoding {
        byte[] encode() throws IOException;
    }

    private static byte[] der(Encoding e) {
        try {
            return e.encode();
        } catch (IOException ex) {
            throw new IllegalStateException("cannot encode the key", ex);
        }
    }

    static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /**
     * Writes both files or neither: each goes to a temporary file in its directory, created with
     * its final permissions (0600 for the private key, set at creation, never widened), and is then
     * moved into place.
     */
    private void writeBoth(Path priv, String privatePem, Path pub, String publicPem, boolean posix) {
        Path privTmp = null;
        Path pubTmp = null;
        boolean privMoved = false;
        boolean pubMoved = false;
        try {
            privTmp = temp(priv, privatePem, posix ? PosixFilePermissions.fromString("rw-------") : null);
            pubTmp = temp(pub, publicPem, posix ? PosixFilePermissions.fromString("rw-r--r--") : null);
            move(privTmp, priv);
            privMoved = true;
            move(pubTmp, pub);
            pubMoved = true;
        } catch (FileAlreadyExistsException e) {
            throw new UsageException(Inputs.display(e.getFile()) + " exists; use --force to overwrite it", e);
        } catch (AccessDeniedException e) {
            throw new UsageException("cannot write " + Inputs.display(e.getFile()) + ": permission denied", e);
        } catch (IOException e) {
            throw new UsageException("cannot write the key files: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } finally {
            deleteQuietly(privTmp);
            deleteQuietly(pubTmp);
            if (privMoved && !pubMoved) {
                deleteQuietly(priv);
            }
        }
    }

    private static Path temp(Path target, String content, Set<PosixFilePermission> permissions) throws IOException {
        FileAttribute<?>[] attributes = permissions == null ? new FileAttribute<?>[0]
                : new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
        Path tmp = Files.createTempFile(parent(target), ".edgepass-keygen-", ".tmp", attributes);
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        return tmp;
    }

    private void move(Path tmp, Path target) throws IOException {
        if (force) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.move(tmp, target);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort: the temporary file holds nothing the user asked for
        }
    }
}
