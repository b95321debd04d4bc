package dev.edgepass.examples.lambda.coldstart;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;

/**
 * Measures, in one run, the cold start of the login handler: time from JVM start to the first 302
 * with a verified Cognito ID token and minted CloudFront cookies (JWKS preloaded from the
 * environment), and the number of classes loaded by then, for the edgepass deployment jar with
 * and without ACCP and for the same flow on AWS SDK v2 {@code CloudFrontUtilities} + Nimbus.
 *
 * <p>Each run is a fresh JVM ({@code -XX:TieredStopAtLevel=1}, C1 only, the usual Lambda
 * start-up setting), runs are interleaved across variants after one discarded warm-up each, and the
 * medians are printed. Run it from the repository root (it builds the shaded jars first):
 *
 * <pre>
 * mvn -B -q -pl examples/lambda -am verify -DskipTests -Pcoldstart -Dcoldstart.runs=15
 * </pre>
 */
public final class ColdStartBenchmark {

    private static final String POOL = "eu-west-2_EdgePass1";
    private static final String CLIENT_ID = "4pe3usgr5rtj8aqhjkb0ku2r1a";

    private ColdStartBenchmark() {}

    /**
     * Runs the measurement.
     *
     * @param args the number of measured runs per variant (default 10)
     */
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        String jar = System.getProperty("coldstart.jar");
        String jarNoAccp = System.getProperty("coldstart.jarNoAccp");
        String testClasses = Path.of(ColdStartBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        Path dir = Files.createTempDirectory("edgepass-coldstart");
        Map<String, String> env = environment(dir);

        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("edgepass, ACCP in jar", command(jar + File.pathSeparator + testClasses, EdgepassColdStart.class));
        variants.put("edgepass, no ACCP", command(jarNoAccp + File.pathSeparator + testClasses, EdgepassColdStart.class));
        variants.put("AWS SDK v2 + Nimbus", command(peerClasspath(), PeerColdStart.class));

        Map<String, List<long[]>> results = new LinkedHashMap<>();
        variants.keySet().forEach(k -> results.put(k, new ArrayList<>()));
        for (Map.Entry<String, List<String>> v : variants.entrySet()) {
            run(v.getValue(), env); // warm the page cache; discarded
        }
        for (int i = 0; i < runs; i++) {
            for (Map.Entry<String, List<String>> v : variants.entrySet()) {
                results.get(v.getKey()).add(run(v.getValue(), env));
            }
        }

        System.out.printf(Locale.ROOT, "%s, %s %s, %d cores, %d runs per variant (medians)%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), runs);
        System.out.printf(Locale.ROOT, "%-24s %14s %16s %14s %16s%n", "variant", "spawn->302 ms", "JVM uptime ms",
                "handler ms", "classes loaded");
        List<long[]> m = new ArrayList<>();
        for (Map.Entry<String, List<long[]>> r : results.entrySet()) {
            long[] row = medians(r.getValue());
            m.add(row);
            System.out.printf(Locale.ROOT, "%-24s %14d %16d %14d %16d%n", r.getKey(), row[0], row[1], row[2], row[3]);
        }
        long[] peer = m.get(2);
        for (int i = 0; i < 2; i++) {
            long[] e = m.get(i);
            System.out.printf(Locale.ROOT, "edgepass (%s) / peer: spawn->302 %.2f, JVM uptime %.2f, classes %.2f%n",
                    i == 0 ? "ACCP" : "no ACCP", (double) e[0] / peer[0], (double) e[1] / peer[1], (double) e[3] / peer[3]);
        }
    }

    static List<String> command(String classpath, Class<?> main) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-XX:TieredStopAtLevel=1", "-cp", classpath, main.getName());
    }

    /** Returns spawn->302 ms, JVM uptime ms, handler ms, classes loaded. */
    static long[] run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process process = pb.start();
        long wall = -1;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.append(line).append('\n');
                if (line.equals("OK302") && wall < 0) {
                    wall = (System.nanoTime() - start) / 1_000_000;
                } else if (line.startsWith("STATS ") && wall >= 0) {
                    process.waitFor();
                    Map<String, Long> f = Arrays.stream(line.substring(6).split(" "))
                            .collect(Collectors.toMap(s -> s.split("=")[0], s -> Long.parseLong(s.split("=")[1])));
                    return new long[] {wall, f.get("uptimeMs"), f.get("handlerMs"), f.get("classes")};
                }
            }
        }
        process.waitFor();
        throw new IllegalStateException("child failed: " + command.get(command.size() - 1) + "\n" + output);
    }

    private static long[] medians(List<long[]> rows) {
        long[] m = new long[rows.get(0).length];
        for (int c = 0; c < m.length; c++) {
            final int col = c;
            long[] values = rows.stream().mapToLong(r -> r[col]).sorted().toArray();
            m[c] = values[values.length / 2];
        }
        return m;
    }

    /** The test classpath without edgepass, ACCP, BouncyCastle, jose4j, Caffeine and test libraries. */
    private static String peerClasspath() {
        List<String> keep = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String e = entry.replace('\\', '/');
            boolean drop = e.contains("/dev/edgepass/") || e.contains("AmazonCorrettoCryptoProvider")
                    || e.contains("wiremock") || e.contains("junit") || e.contains("opentest4j") || e.contains("apiguardian")
                    || e.contains("jose4j") || e.contains("bouncycastle") || e.contains("caffeine")
                    || e.endsWith("/target/classes") || e.endsWith("/target/classes/");
            if (!drop) {
                keep.add(entry);
            }
        }
        return String.join(File.pathSeparator, keep);
    }

    static Map<String, String> environment(Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair cloudFront = generator.generateKeyPair();
        KeyPair cognito = generator.generateKeyPair();
        Path pem = dir.resolve("cloudfront-private-key.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(cloudFront.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) cognito.getPublic());
        jwk.setKeyId("coldstart-key");
        jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        jwk.setUse("sig");

        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", UUID.randomUUID().toString());
        claims.put("email_verified", true);
        claims.put("iss", "https://cognito-idp.eu-west-2.amazonaws.com/" + POOL);
        claims.put("cognito:username", "alice");
        claims.put("origin_jti", UUID.randomUUID().toString());
        claims.put("aud", CLIENT_ID);
        claims.put("event_id", UUID.randomUUID().toString());
        claims.put("token_use", "id");
        claims.put("auth_time", now.getEpochSecond());
        claims.put("exp", now.plus(Duration.ofHours(1)).getEpochSecond());
        claims.put("iat", now.getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("email", "alice@example.com");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(JsonUtil.toJson(claims));
        jws.setKey(cognito.getPrivate());
        jws.setKeyIdHeaderValue("coldstart-key");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);

        Map<String, String> env = new LinkedHashMap<>();
        env.put("EDGEPASS_USER_POOL_ID", POOL);
        env.put("EDGEPASS_CLIENT_ID", CLIENT_ID);
        env.put("EDGEPASS_JWKS_JSON", new JsonWebKeySet(jwk).toJson());
        env.put("EDGEPASS_HOSTED_UI", "https://auth.example.com");
        env.put("EDGEPASS_SITE_ORIGIN", "https://d111111abcdef8.cloudfront.net");
        env.put("EDGEPASS_KEY_PAIR_ID", "K2JCJMDEHXQW5F");
        env.put("EDGEPASS_PRIVATE_KEY_FILE", pem.toString());
        env.put("EDGEPASS_IMPLICIT_FLOW", "true");
        env.put("COLDSTART_TOKEN", jws.getCompactSerialization());
        return env;
    }
}
