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
 * <p>Per family, two parts, each in JVMs of its own (so that one family's types, or the
 * diagnostic's free signature, do not blur the JIT's profile of what is measured):
 * <ul>
 *   <li>the <b>ratio</b>: the edgepass operation and its raw floor alternate in slices of about
 *       {@code sliceMillis} of the calling thread's CPU time, the order swapping each round. The
 *       edgepass operation is, for cookies, what a login does per user (build the {@code Policy},
 *       {@code SignedCookieFactory.create} on ACCP, {@code setCookieHeaders()}:
 *       {@link CookieSigningBenchmark#loginAccp()}) and, for verify,
 *       {@link TokenVerifyBenchmark#edgepassAccp()} on a Cognito id token (RS256, RSA-2048); the
 *       raw floor is the bare ACCP {@code Signature} on the same bytes, initialised once
 *       ({@code rawAccp} of the same benchmark). Each round gives one ratio from slices a fraction
 *       of a second apart, so the machine's drift cancels.</li>
 *   <li>the <b>own work</b>: the edgepass operation on a signature that costs nothing
 *       ({@code loginNoSignature}, {@code edgepassNoSignature}), alone, in the same slices: what
 *       edgepass itself adds per operation.</li>
 * </ul>
 * The run prints the median and quartiles of the rounds, the fastest own-work slice (the least
 * disturbed by other work on the machine), and the bytes each operation allocates.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.edgepass.benchmarks.FloorRatios [rounds] [sliceMillis] [forks]
 * </pre>
 * Defaults: 31 rounds of 150 ms slices in each of 3 JVMs per part, pooled (93 rounds), about five
 * minutes in all: one JVM's JIT can compile the same code a few per cent faster or slower than the
 * next, so one JVM alone is not enough.
 *
 * <p>The measuring JVMs run with {@value #DEFAULT_JVM_ARGS} unless {@code -DfloorRatios.jvmArgs}
 * gives other options: a fixed heap whose pages the JVM touches once at start, as a server's heap
 * has been touched long before it serves its millionth request. Without it, a new JVM's heap grows
 * into pages the kernel has not mapped yet, and for the first few hundred megabytes every fresh
 * 4 KiB page costs the allocating thread a page fault, charged to its CPU time. That is a cost of
 * the JVM's first seconds, not of an operation, but it falls on whichever call allocates more,
 * here the edgepass one. The run prints the faults per call it saw in each part, so that the
 * difference shows: {@code -DfloorRatios.jvmArgs=-XX:-AlwaysPreTouch} runs on the default heap.
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
    static final String DEFAULT_JVM_ARGS = "-Xms1g -Xmx1g -XX:+AlwaysPreTouch";

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
            boolean ratio = "--part=ratio".equals(args[1]);
            int rounds = Integer.parseInt(args[2]);
            long sliceNanos = Long.parseLong(args[3]) * 1_000_000;
            System.out.println(RESULT + (ratio ? ratio(family, rounds, sliceNanos) : ownWork(family, rounds, sliceNanos)));
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 31;
        long sliceMillis = args.length > 1 ? Long.parseLong(args[1]) : 150;
        int forks = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        if (rounds < 3 || sliceMillis < 1 || forks < 1) {
            throw new IllegalArgumentException("needs at least 3 rounds of at least 1 ms in at least 1 JVM");
        }
        List<String> rows = new ArrayList<>();
        for (Family family : Family.values()) {
            Pooled ratio = new Pooled();
            Pooled own = new Pooled();
            for (int fork = 0; fork < forks; fork++) {
                ratio.add(fork(family, "ratio", rounds, sliceMillis));
                own.add(fork(family, "own", rounds, sliceMillis));
            }
            rows.add(String.format(Locale.ROOT, "| %s | %s | <= %.2f | %.1f | %.0f | %.3f / %.3f | %s | %.3f | <= %.1f | %.0f |",
                    family.label, CpuSlices.summary(ratio.values()), family.ratioTarget, ratio.extra(0) / 1e3,
                    ratio.extra(1), ratio.extra(2), ratio.extra(3), CpuSlices.summary(own.values()), own.min(),
                    family.ownMicrosTarget, own.extra(0)));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%d JVMs per part, %d rounds each, %d ms slices, caller CPU time; Java %s; JVM options: %s%n",
                forks, rounds, sliceMillis, System.getProperty("java.vm.version"),
                jvmArgs());
        System.out.println("| family | edgepass / raw ACCP, median (quartiles) | target | raw ACCP µs | edgepass B/op"
                + " | page faults per call, edgepass / raw | own work µs per op, median (quartiles) | min | target | own B/op |");
        System.out.println("|---|---|---|---:|---:|---:|---|---:|---|---:|");
        rows.forEach(System.out::println);
    }

    /** The rounds of one part pooled over its JVMs, and the medians of the figures each JVM adds. */
    private static final class Pooled {
        private final List<Double> values = new ArrayList<>();
        private final List<double[]> extras = new ArrayList<>();

        /** Adds a child's "v1,v2,... ; e1 e2" line. */
        void add(String line) {
            String[] halves = line.split(";");
            for (String v : halves[0].trim().split(",")) {
                values.add(Double.parseDouble(v));
            }
            String[] e = halves[1].trim().split(" ");
            double[] extra = new double[e.length];
            for (int i = 0; i < e.length; i++) {
                extra[i] = Double.parseDouble(e[i]);
            }
            extras.add(extra);
        }

        double[] values() {
            double[] all = new double[values.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = values.get(i);
            }
            return all;
        }

        double min() {
            double min = Double.MAX_VALUE;
            for (double v : values) {
                min = Math.min(min, v);
            }
            return min;
        }

        double extra(int index) {
            double[] each = new double[extras.size()];
            for (int i = 0; i < each.length; i++) {
                each[i] = extras.get(i)[index];
            }
            return CpuSlices.median(each);
        }
    }

    private static String jvmArgs() {
        return System.getProperty("floorRatios.jvmArgs", DEFAULT_JVM_ARGS);
    }

    /** Runs one family in a new JVM with this one's class path and returns its table row. */
    private static String fork(Family family, String part, int rounds, long sliceMillis)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        for (String option : jvmArgs().trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FloorRatios.class.getName(),
                "--family=" + family.name(), "--part=" + part, Integer.toString(rounds), Long.toString(sliceMillis)));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
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
            throw new IllegalStateException(family + " " + part + " failed in its JVM, exit " + exit);
        }
        return row;
    }

    /** A family's three calls: the edgepass operation, its raw floor, and the operation on a free signature. */
    private record Calls(CpuSlices.Call edgepass, CpuSlices.Call raw, CpuSlices.Call own) {}

    private static Calls calls(Family family) throws Exception {
        if (family.algorithm != null) {
            CookieSigningBenchmark b = new CookieSigningBenchmark();
            b.algorithm = family.algorithm;
            b.setUp();
            return new Calls(b::loginAccp, b::rawAccp, b::loginNoSignature);
        }
        TokenVerifyBenchmark b = new TokenVerifyBenchmark();
        b.setUp();
        return new Calls(b::edgepassAccp, b::rawAccp, b::edgepassNoSignature);
    }

    /** The edgepass operation and its raw floor, interleaved: "ratios ; raw µs, edgepass B/op, faults/op of each". */
    private static String ratio(Family family, int rounds, long sliceNanos) throws Exception {
        Calls calls = calls(family);
        Timed timed = slices(new CpuSlices.Call[] {calls.edgepass(), calls.raw()}, rounds, sliceNanos);
        double[][] perCall = timed.nanosPerCall;
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratio[r] = perCall[0][r] / perCall[1][r];
        }
        System.out.printf(Locale.ROOT, "%s: edgepass / raw ACCP %s%n", family.label, CpuSlices.summary(ratio));
        return join(ratio) + String.format(Locale.ROOT, " ; %.1f %.1f %.4f %.4f", CpuSlices.median(perCall[1]),
                CpuSlices.allocatedBytesPerCall(calls.edgepass(), 10_000), timed.faultsPerCall[0], timed.faultsPerCall[1]);
    }

    /** The edgepass operation on a free signature, alone: "µs per round ; B/op, faults/op". */
    private static String ownWork(Family family, int rounds, long sliceNanos) throws Exception {
        CpuSlices.Call own = calls(family).own();
        Timed timed = slices(new CpuSlices.Call[] {own}, rounds, sliceNanos);
        double[] micros = timed.nanosPerCall[0];
        for (int r = 0; r < rounds; r++) {
            micros[r] /= 1e3;
        }
        System.out.printf(Locale.ROOT, "%s: own work %s us%n", family.label, CpuSlices.summary(micros));
        return join(micros) + String.format(Locale.ROOT, " ; %.1f %.4f", CpuSlices.allocatedBytesPerCall(own, 10_000),
                timed.faultsPerCall[0]);
    }

    private static String join(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.5f", v));
        }
        return sb.toString();
    }

    /** CPU nanoseconds per call, by call and round, and the page faults per call over all rounds, by call. */
    private record Timed(double[][] nanosPerCall, double[] faultsPerCall) {}

    /**
     * Warms the calls up, then times {@code rounds} rounds of one slice each, the order rotating
     * from round to round, counting the calling thread's page faults in each call's slices.
     */
    private static Timed slices(CpuSlices.Call[] calls, int rounds, long sliceNanos) throws Exception {
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
        long[] faults = new long[calls.length];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < calls.length; k++) {
                int i = (r + k) % calls.length;
                long before = CpuSlices.minorFaults();
                perCall[i][r] = CpuSlices.cpuNanosPerCall(calls[i], batch[i]);
                faults[i] += CpuSlices.minorFaults() - before;
            }
        }
        double[] faultsPerCall = new double[calls.length];
        for (int i = 0; i < calls.length; i++) {
            faultsPerCall[i] = CpuSlices.minorFaults() < 0 ? Double.NaN : (double) faults[i] / ((long) batch[i] * rounds);
        }
        return new Timed(perCall, faultsPerCall);
    }
}
