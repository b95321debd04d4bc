package dev.edgepass.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The ratio of record for "edgepass adds at most 5 % to the KMS round trip", measured so that the
 * machine's drift cancels out: {@link KmsSigningBenchmark}'s set-up (in-process KMS stand-in, real
 * SDK client), then rounds that alternate a batch of raw SDK {@code Sign} calls with a batch of
 * {@code SignedCookieFactory.create} calls through {@code KmsSigner} (no reuse), each batch timed
 * with {@code System.nanoTime}. Prints each round's ratio and the median, per key spec. A JMH run of
 * {@code KmsSigningBenchmark} gives the absolute figures; on a shared machine its two methods,
 * measured a minute apart, drift by more than the 5 % in question. It also prints the calling
 * thread's CPU time per call on each side (thread CPU time ignores time spent waiting for the
 * stand-in or for a CPU), so their difference is what edgepass itself adds per signature even when
 * wall times are too noisy to compare.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.edgepass.benchmarks.KmsRatios [rounds] [calls per batch]
 * </pre>
 */
public final class KmsRatios {

    private KmsRatios() {}

    /**
     * Runs the rounds for RSA_2048 and ECC_NIST_P256 and prints the ratios.
     *
     * @param args optional rounds (default 21) and calls per batch (default 50)
     * @throws Exception if the set-up fails
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        for (String spec : new String[] {"RSA_2048", "ECC_NIST_P256"}) {
            KmsSigningBenchmark b = new KmsSigningBenchmark();
            b.keySpec = spec;
            b.setUp();
            try {
                for (int i = 0; i < 5; i++) {
                    time(b::rawSdkSign, batch);
                    time(b::edgepassCookies, batch);
                }
                double[] ratios = new double[rounds];
                double[] cpuAdded = new double[rounds];
                double[] cpuRaw = new double[rounds];
                double[] wallRaw = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    // Alternate which side goes first, so neither always follows the other.
                    double[] raw;
                    double[] edgepass;
                    if (r % 2 == 0) {
                        raw = time(b::rawSdkSign, batch);
                        edgepass = time(b::edgepassCookies, batch);
                    } else {
                        edgepass = time(b::edgepassCookies, batch);
                        raw = time(b::rawSdkSign, batch);
                    }
                    ratios[r] = edgepass[0] / raw[0];
                    cpuAdded[r] = edgepass[1] - raw[1];
                    cpuRaw[r] = raw[1];
                    wallRaw[r] = raw[0];
                    System.out.printf(Locale.ROOT, "%s round %d: wall raw %.1f us, edgepass %.1f us, ratio %.3f;"
                            + " caller CPU raw %.1f us, edgepass %.1f us%n", spec, r + 1, raw[0] / 1000, edgepass[0] / 1000,
                            ratios[r], raw[1] / 1000, edgepass[1] / 1000);
                }
                System.out.printf(Locale.ROOT, "%s: median wall edgepassCookies / rawSdkSign = %.3f (min %.3f, max %.3f);"
                        + " median caller CPU added %.1f us per signature, raw caller CPU %.1f us, raw wall %.1f us"
                        + " (%d rounds of %d)%n%n", spec, median(ratios), min(ratios), max(ratios), median(cpuAdded) / 1000,
                        median(cpuRaw) / 1000, median(wallRaw) / 1000, rounds, batch);
            } finally {
                b.tearDown();
            }
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Returns the mean wall and calling-thread CPU nanoseconds per call of {@code batch} calls. */
    private static double[] time(Supplier<?> call, int batch) {
        Object sink = null;
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < batch; i++) {
            sink = call.get();
        }
        long elapsed = System.nanoTime() - start;
        cpu = THREADS.getCurrentThreadCpuTime() - cpu;
        if (sink == null) {
            throw new IllegalStateException("no result");
        }
        return new double[] {(double) elapsed / batch, (double) cpu / batch};
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
