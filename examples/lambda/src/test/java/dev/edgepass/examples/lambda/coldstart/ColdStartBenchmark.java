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
 * start-up setting). After one discarded warm-up each, the variants run interleaved (edgepass with
 * ACCP, edgepass without, the peer, and again), so that a machine shared with other work slows
 * them alike. It prints, per variant, the median with the interquartile range and the extremes,
 * and the ratios to the peer: of the medians, and the median of the per-round ratios. Run it from
 * the repository root:
 *
 * <pre>
 * mvn -B -pl examples/lambda -am verify -DskipTests -Pcoldstart -Dcoldstart.runs=15
 * </pre>
 *
 * <p>{@code -Dcoldstart.compare=label=path/to.jar,label=path/to.jar} adds the deployment jars of
 * other builds (earlier commits, each built with
 * {@code mvn -B -pl examples/lambda -am package -DskipTests}) to the same run, first.
 */
public final class ColdStartBenchmark {

    private static final String POOL = "eu-west-2_EdgePass1";
    private static final String CLIENT_ID = "4pe3usgr5rtj8aqhjkb0ku2r1a";
    private static final String PEER = "AWS SDK v2 + Nimbus";

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
        // Optionally, deployment jars of other builds (earlier commits), measured in the same run.
        for (String compared : System.getProperty("coldstart.compare", "").split(",")) {
            int eq = compared.indexOf('=');
            if (!compared.isBlank()) {
                if (eq <= 0) {
                    throw new IllegalArgumentException("coldstart.compare takes label=jar,label=jar, was " + compared);
                }
                variants.put(compared.substring(0, eq).trim(),
                        command(compared.substring(eq + 1).trim() + File.pathSeparator + testClasses, EdgepassColdStart.class));
            }
        }
        variants.put("edgepass, ACCP in jar", command(jar + File.pathSeparator + testClasses, EdgepassColdStart.class));
        variants.put("edgepass, no ACCP", command(jarNoAccp + File.pathSeparator + testClasses, EdgepassColdStart.class));
        variants.put(PEER, command(peerClasspath(), PeerColdStart.class));

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

        System.out.printf(Locale.ROOT, "%s, %s %s, %d cores, %d runs per variant, interleaved%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), runs);
        System.out.println("each time: median [lower quartile-upper quartile] (min-max), in ms");
        System.out.printf(Locale.ROOT, "%-28s %-26s %-26s %-26s %8s%n", "variant", "spawn -> 302", "JVM uptime at 302",
                "in handler", "classes");
        for (Map.Entry<String, List<long[]>> r : results.entrySet()) {
            List<long[]> rows = r.getValue();
            System.out.printf(Locale.ROOT, "%-28s %-26s %-26s %-26s %8d%n", r.getKey(), spread(rows, 0), spread(rows, 1),
                    spread(rows, 2), median(rows, 3));
        }
        List<long[]> peer = results.get(PEER);
        for (Map.Entry<String, List<long[]>> r : results.entrySet()) {
            if (r.getKey().equals(PEER)) {
                continue;
            }
            List<long[]> rows = r.getValue();
            System.out.printf(Locale.ROOT,
                    "%s / peer: spawn->302 %.2f (per-round median %.2f), JVM uptime %.2f (per-round median %.2f), classes %.2f%n",
                    r.getKey(), (double) median(rows, 0) / median(peer, 0), pairedRatio(rows, peer, 0),
                    (double) median(rows, 1) / median(peer, 1), pairedRatio(rows, peer, 1),
                    (double) median(rows, 3) / median(peer, 3));
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

    private static long[] column(List<long[]> rows, int col) {
        long[] values = new long[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = rows.get(i)[col];
        }
        Arrays.sort(values);
        return values;
    }

    private static long median(List<long[]> rows, int col) {
        return column(rows, col)[rows.size() / 2];
    }

    /** Median [lower quartile - upper quartile] (min - max). */
    private static String spread(List<long[]> rows, int col) {
        long[] v = column(rows, col);
        int n = v.length;
        return String.format(Locale.ROOT, "%d [%d-%d] (%d-%d)", v[n / 2], v[n / 4], v[(3 * n) / 4], v[0], v[n - 1]);
    }

    /** The median of the ratios of runs made in the same round. */
    private static double pairedRatio(List<long[]> rows, List<long[]> peer, int col) {
        double[] ratios = new double[rows.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = (double) rows.get(i)[col] / peer.get(i)[col];
        }
        Arrays.sort(ratios);
        return ratios[ratios.length / 2];
    }

    /** The test classpath without edgepass, ACCP, BouncyCastle, jose4j, Caffeine and test libraries. */
    private static String peerClasspath() {
        List<String> keep = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String e = entry.replace('\\', '/');
            String file = e.substring(e.lastIndexOf('/', e.length() - 2) + 1);
            boolean drop = e.contains("/dev/edgepass/") || file.startsWith("edgepass-") || e.contains("AmazonCorrettoCryptoProvider")
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
