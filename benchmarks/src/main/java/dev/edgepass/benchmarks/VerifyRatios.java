package dev.edgepass.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Measures the token-verification ratios that {@code docs/performance.md} sets targets for, on a
 * noisy, shared machine: each ratio is taken between two
 * {@link TokenVerifyBenchmark} methods run back to back in one JMH invocation (one fork each), and
 * the invocation is repeated, so that drift in the machine's speed between runs, which moves both
 * sides of a pair alike, cancels out. Prints every round's ratio and their median.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.edgepass.benchmarks.VerifyRatios [rounds]
 * </pre>
 */
public final class VerifyRatios {

    /** A ratio: {@code slower} over {@code faster}, and its target. */
    private record Pair(String numerator, String denominator, String target) {}

    private static final List<Pair> PAIRS = List.of(
            new Pair("edgepassJdk", "rawJdk", "<= 1.10"),
            new Pair("edgepassAccp", "rawAccp", "<= 1.20"),
            new Pair("auth0", "edgepassAccp", ">= 1.8 (fastest peer / edgepass ACCP)"),
            new Pair("edgepassAccp", "edgepassCacheHit", ">= 50"));

    private VerifyRatios() {}

    /**
     * Runs the rounds and prints the ratios.
     *
     * @param args optional number of rounds, default 5
     * @throws RunnerException if JMH fails
     */
    public static void main(String[] args) throws RunnerException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Map<Pair, double[]> ratios = new LinkedHashMap<>();
        for (Pair pair : PAIRS) {
            ratios.put(pair, new double[rounds]);
        }
        for (int round = 0; round < rounds; round++) {
            for (Pair pair : PAIRS) {
                Map<String, Double> scores = run(pair.numerator(), pair.denominator());
                double ratio = scores.get(pair.numerator()) / scores.get(pair.denominator());
                ratios.get(pair)[round] = ratio;
                System.out.printf(Locale.ROOT, "round %d: %s %.3f us / %s %.3f us = %.3f%n", round + 1,
                        pair.numerator(), scores.get(pair.numerator()), pair.denominator(),
                        scores.get(pair.denominator()), ratio);
            }
        }
        System.out.println();
        System.out.println("| ratio | target | rounds | median |");
        System.out.println("|---|---|---|---:|");
        for (Map.Entry<Pair, double[]> e : ratios.entrySet()) {
            double[] values = e.getValue();
            List<String> each = new ArrayList<>();
            for (double v : values) {
                each.add(String.format(Locale.ROOT, "%.3f", v));
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
            System.out.printf(Locale.ROOT, "| %s / %s | %s | %s | %.3f |%n", e.getKey().numerator(),
                    e.getKey().denominator(), e.getKey().target(), String.join(", ", each), median);
        }
    }

    private static Map<String, Double> run(String a, String b) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(TokenVerifyBenchmark.class.getName() + "\\.(" + a + "|" + b + ")$")
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(1))
                .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (RunResult result : results) {
            String label = result.getParams().getBenchmark();
            scores.put(label.substring(label.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
        }
        return scores;
    }
}
