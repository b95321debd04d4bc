package dev.edgepass.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * An interleaved check of {@code SignedCookieFactory.create} against the raw JCA signature it is
 * built on, for a machine too loaded for two JMH methods measured a minute apart: with
 * {@link CookieSigningBenchmark}'s set-up, rounds alternate a batch of {@code rawAccp} (or
 * {@code rawJdk}) calls with a batch of {@code factoryAccp} (or {@code factoryJdk}) calls and time
 * each by the calling thread's CPU time, which leaves out the time the thread waits for a CPU.
 * Prints the median ratio per algorithm and provider.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.edgepass.benchmarks.SigningRatios [rounds] [calls per batch]
 * </pre>
 */
public final class SigningRatios {

    private SigningRatios() {}

    /**
     * Runs the rounds and prints the ratios.
     *
     * @param args optional rounds (default 31) and calls per batch (default 200)
     * @throws Exception if the set-up fails
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 31;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        for (CookieSigningBenchmark.Algorithm algorithm : CookieSigningBenchmark.Algorithm.values()) {
            CookieSigningBenchmark b = new CookieSigningBenchmark();
            b.algorithm = algorithm;
            b.setUp();
            ratio(algorithm + " ACCP", b::factoryAccp, b::rawAccp, rounds, batch);
            ratio(algorithm + " JDK", b::factoryJdk, b::rawJdk, rounds, algorithm.isRsa() ? batch / 4 : batch / 2);
        }
    }

    private static void ratio(String name, CpuSlices.Call factory, CpuSlices.Call raw, int rounds, int batch) throws Exception {
        for (int i = 0; i < 10; i++) {
            CpuSlices.cpuNanosPerCall(raw, batch);
            CpuSlices.cpuNanosPerCall(factory, batch);
        }
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            double f;
            double w;
            if (r % 2 == 0) {
                w = CpuSlices.cpuNanosPerCall(raw, batch);
                f = CpuSlices.cpuNanosPerCall(factory, batch);
            } else {
                f = CpuSlices.cpuNanosPerCall(factory, batch);
                w = CpuSlices.cpuNanosPerCall(raw, batch);
            }
            ratios[r] = f / w;
        }
        Arrays.sort(ratios);
        System.out.printf(Locale.ROOT, "%s: median factory / raw (caller CPU) = %.3f (quartiles %.3f-%.3f, %d rounds of %d)%n",
                name, ratios[rounds / 2], ratios[rounds / 4], ratios[3 * rounds / 4], rounds, batch);
    }
}
