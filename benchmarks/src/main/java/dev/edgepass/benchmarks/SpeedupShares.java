package dev.edgepass.benchmarks;

import java.util.List;
import java.util.Locale;

/**
 * How much of the host's native speed-up over the JDK edgepass keeps against the AWS SDK for Java
 * v2, per {@link CookieSigningBenchmark.Algorithm}, with {@link CookieSigningBenchmark}'s set-up
 * and methods:
 * <ul>
 *   <li>native speed-up = {@code rawJdk / rawAccp}: what the host's native signature gains over
 *       the JDK's, the ceiling for any library that signs natively;</li>
 *   <li>edgepass speed-up = {@code awsSdk / factoryAccp}: edgepass on ACCP against the SDK, which
 *       always signs with the JDK;</li>
 *   <li>share kept = edgepass speed-up / native speed-up.</li>
 * </ul>
 * Each round times one batch of each of the four calls, interleaved (the order rotates from round
 * to round), by the calling thread's CPU time, so that the time the thread waits for a CPU on a
 * loaded machine is left out and all four see the same machine. Garbage collection runs on other
 * threads and is not counted, which favours the SDK (it allocates ~50 KB per RSA cookie set).
 * Prints, per algorithm, the median of the rounds and the quartiles.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.edgepass.benchmarks.SpeedupShares [rounds]
 * </pre>
 */
public final class SpeedupShares {

    /** CPU time each batch aims at: long enough to dwarf the clock's cost, short enough to interleave finely. */
    private static final long BATCH_NANOS = 20_000_000;

    private SpeedupShares() {}

    /**
     * Runs the rounds and prints the shares.
     *
     * @param args optional number of rounds, default 41
     * @throws Exception if the set-up fails
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 41;
        for (CookieSigningBenchmark.Algorithm algorithm : CookieSigningBenchmark.Algorithm.values()) {
            CookieSigningBenchmark b = new CookieSigningBenchmark();
            b.algorithm = algorithm;
            b.setUp();
            measure(algorithm, List.of(b::rawJdk, b::rawAccp, b::awsSdk, b::factoryAccp), rounds);
        }
    }

    private static void measure(CookieSigningBenchmark.Algorithm algorithm, List<CpuSlices.Call> calls, int rounds)
            throws Exception {
        int[] batch = new int[calls.size()];
        for (int i = 0; i < calls.size(); i++) {
            for (int warm = 0; warm < 5; warm++) {
                CpuSlices.cpuNanosPerCall(calls.get(i), 20);
            }
            batch[i] = (int) Math.max(5, Math.min(5_000, BATCH_NANOS / Math.max(1, CpuSlices.cpuNanosPerCall(calls.get(i), 20))));
        }
        double[][] perCall = new double[calls.size()][rounds];
        double[] nativeSpeedup = new double[rounds];
        double[] edgepassSpeedup = new double[rounds];
        double[] share = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < calls.size(); k++) {
                int i = (r + k) % calls.size();
                perCall[i][r] = CpuSlices.cpuNanosPerCall(calls.get(i), batch[i]);
            }
            nativeSpeedup[r] = perCall[0][r] / perCall[1][r];
            edgepassSpeedup[r] = perCall[2][r] / perCall[3][r];
            share[r] = edgepassSpeedup[r] / nativeSpeedup[r];
        }
        System.out.printf(Locale.ROOT, "%s: rawJdk %.1f us, rawAccp %.1f us, awsSdk %.1f us, factoryAccp %.1f us (medians, caller CPU)%n",
                algorithm, CpuSlices.median(perCall[0]) / 1e3, CpuSlices.median(perCall[1]) / 1e3, CpuSlices.median(perCall[2]) / 1e3,
                CpuSlices.median(perCall[3]) / 1e3);
        System.out.printf(Locale.ROOT, "%s: native speed-up rawJdk/rawAccp = %s; edgepass speed-up awsSdk/factoryAccp = %s;"
                + " share kept = %s (%d rounds)%n", algorithm, CpuSlices.summary(nativeSpeedup), CpuSlices.summary(edgepassSpeedup),
                CpuSlices.summary(share), rounds);
    }
}
