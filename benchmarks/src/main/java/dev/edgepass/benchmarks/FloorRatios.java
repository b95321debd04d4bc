package dev.edgepass.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How close each edgepass operation comes to the raw native signature it is built on, on a noisy,
 * shared machine, and how much work edgepass itself does per operation.
 *
 * <p>Per family, in its own JVM (so that one family's types do not blur the JIT's profile of the
 * next), three calls alternate in slices of about {@code sliceMillis} of the calling thread's CPU
 * time, the order rotating each round:
 * <ul>
 *   <li>the <b>edgepass operation</b>: for cookies, what a login does per user (build the
 *       {@code Policy}, {@code SignedCookieFactory.create} on ACCP, {@code setCookieHeaders()}:
 *       {@link CookieSigningBenchmark#loginAccp()}); for verify,
 *       {@link TokenVerifyBenchmark#edgepassAccp()} on a Cognito id token (RS256, RSA-2048);</li>
 *   <li>its <b>raw floor</b>: the bare ACCP {@code Signature} on the same bytes, initialised once
 *       ({@code rawAccp} of the same benchmark);</li>
 *   <li>the <b>own work</b>: the edgepass operation on a signature that costs nothing
 *       ({@code loginNoSignature}, {@code edgepassNoSignature}), which leaves what edgepass adds.</li>
 * </ul>
 * Each round gives one ratio, operation / floor, from slices a fraction of a second apart, so the
 * machine's drift cancels; the run prints the median and quartiles of the rounds, the own work per
 * operation, and the bytes each operation allocates.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.edgepass.benchmarks.FloorRatios [rounds] [sliceMillis]
 * </pre>
 * Defaults: 31 rounds of 150 ms slices, about 25 s per family.
 */
public final class FloorRatios {

    /** The measured families and the targets they are held to. */
    enum Family {
        COOKIES_RSA_SHA1("cookies RSA-2048 SHA-1", CookieSigningBenchmark.Algorithm.RSA_SHA1, 1.05, 1.0),
        COOKIES_RSA_SHA256("cookies RSA-2048 SHA-256", CookieSigningBenchmark.Algorithm.RSA_SHA256, 1.05, 1.0),
        COOKIES_ECDSA_SHA256("cookies ECDSA P-256 SHA-256", CookieSigningBenchmark.Algorithm.ECDSA_SHA256, 1.05, 1.0),
        VERIFY_RS256("verify RS256 id token", null, 1.10, 1.5);

        final String label;
        final CookieSigningBenchmark.Algorithm algorithm;
        final double ratioTarget;
        final double ownMicrosTarget;

        Family(String label, CookieSigningBenchmark.Algorithm algorithm, double ratioTarget, double ownMicrosTarget) {
            this.label = label;
            this.algorithm = algorithm;
            this.ratioTarget = ratioTarget;
            this.ownMicrosTarget = ownMicrosTarget;
        }
    }

    private static final String RESULT = "RESULT ";

    private FloorRatios() {}

    /**
     * Runs every family in a JVM of its own and prints the table; with {@code --family=NAME} runs
     * one family in this JVM.
     *
     * @param args optional rounds (default 31) and slice length in milliseconds (default 150), or
     *             {@code --family=NAME rounds sliceMillis}
     * @throws Exception if a set-up or a child JVM fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].startsWith("--family=")) {
            Family family = Family.valueOf(args[0].substring("--family=".length()));
            System.out.println(RESULT + measure(family, Integer.parseInt(args[1]), Long.parseLong(args[2])));
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 31;
        long sliceMillis = args.length > 1 ? Long.parseLong(args[1]) : 150;
        if (rounds < 3 || sliceMillis < 1) {
            throw new IllegalArgumentException("needs at least 3 rounds of at least 1 ms");
        }
        List<String> rows = new ArrayList<>();
        for (Family family : Family.values()) {
            rows.add(fork(family, rounds, sliceMillis));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%d rounds, %d ms slices, caller CPU time%n", rounds, sliceMillis);
        System.out.println("| family | edgepass / raw ACCP, median (quartiles) | target | own work per op, µs (quartiles)"
                + " | target | raw ACCP, µs | allocated B/op: edgepass, own |");
        System.out.println("|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    /** Runs one family in a new JVM with this one's class path and returns its table row. */
    private static String fork(Family family, int rounds, long sliceMillis) throws IOException, InterruptedException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                FloorRatios.class.getName(), "--family=" + family.name(), Integer.toString(rounds),
                Long.toString(sliceMillis))
                .redirectErrorStream(true)
                .start();
        String row = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(RESULT)) {
                    row = line.substring(RESULT.length());
                } else {
                    System.out.println(line);
                }
            }
        }
        int exit = child.waitFor();
        if (exit != 0 || row == null) {
            throw new IllegalStateException(family + " failed in its JVM, exit " + exit);
        }
        return row;
    }

    private static String measure(Family family, int rounds, long sliceMillis) throws Exception {
        CpuSlices.Call edgepass;
        CpuSlices.Call raw;
        CpuSlices.Call own;
        if (family.algorithm != null) {
            CookieSigningBenchmark b = new CookieSigningBenchmark();
            b.algorithm = family.algorithm;
            b.setUp();
            edgepass = b::loginAccp;
            raw = b::rawAccp;
            own = b::loginNoSignature;
        } else {
            TokenVerifyBenchmark b = new TokenVerifyBenchmark();
            b.setUp();
            edgepass = b::edgepassAccp;
            raw = b::rawAccp;
            own = b::edgepassNoSignature;
        }
        CpuSlices.Call[] calls = {edgepass, raw, own};
        long sliceNanos = sliceMillis * 1_000_000;
        // Warm-up: let the JIT settle on every call before anything counts.
        for (int warm = 0; warm < 10; warm++) {
            for (CpuSlices.Call call : calls) {
                CpuSlices.cpuNanosPerCall(call, CpuSlices.batchFor(call, sliceNanos / 2));
            }
        }
        int[] batch = new int[calls.length];
        for (int i = 0; i < calls.length; i++) {
            batch[i] = CpuSlices.batchFor(calls[i], sliceNanos);
        }
        double[][] perCall = new double[calls.length][rounds];
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < calls.length; k++) {
                int i = (r + k) % calls.length;
                perCall[i][r] = CpuSlices.cpuNanosPerCall(calls[i], batch[i]);
            }
            ratio[r] = perCall[0][r] / perCall[1][r];
        }
        double[] ownMicros = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ownMicros[r] = perCall[2][r] / 1e3;
        }
        double edgepassBytes = CpuSlices.allocatedBytesPerCall(edgepass, 10_000);
        double ownBytes = CpuSlices.allocatedBytesPerCall(own, 10_000);
        System.out.printf(Locale.ROOT, "%s: edgepass/raw %s, own work %s us%n", family.label, CpuSlices.summary(ratio),
                CpuSlices.summary(ownMicros));
        return String.format(Locale.ROOT, "| %s | %s | <= %.2f | %s | <= %.1f | %.1f | %.0f, %.0f |", family.label,
                CpuSlices.summary(ratio), family.ratioTarget, CpuSlices.summary(ownMicros), family.ownMicrosTarget,
                CpuSlices.median(perCall[1]) / 1e3, edgepassBytes, ownBytes);
    }
}
