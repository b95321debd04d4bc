package dev.edgepass.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Timing for the interleaved ratio runners ({@link FloorRatios}, {@link SigningRatios},
 * {@link SpeedupShares}): a batch of calls timed by the calling thread's CPU time, which leaves out
 * the time the thread waits for a CPU on a loaded machine, and the median and quartiles of a run's
 * rounds.
 */
final class CpuSlices {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** A benchmark method that may throw. */
    interface Call {
        Object run() throws Exception;
    }

    private CpuSlices() {}

    /**
     * Returns the calling thread's CPU nanoseconds per call over {@code batch} calls.
     *
     * @throws IllegalStateException if the calls returned nothing (a sink the JIT could drop)
     */
    static double cpuNanosPerCall(Call call, int batch) throws Exception {
        return perCall(call, batch, THREADS::getCurrentThreadCpuTime);
    }

    /** Returns how many calls take about {@code sliceNanos} of CPU time, measured now (1 to 1,000,000). */
    static int batchFor(Call call, long sliceNanos) throws Exception {
        double perCall = cpuNanosPerCall(call, 50);
        return (int) Math.max(1, Math.min(1_000_000, sliceNanos / Math.max(1.0, perCall)));
    }

    /** Returns the bytes the calling thread allocates per call, over {@code calls} calls. */
    static double allocatedBytesPerCall(Call call, int calls) throws Exception {
        return perCall(call, calls, THREADS::getCurrentThreadAllocatedBytes);
    }

    /**
     * Returns how much {@code counter} grows per call over {@code calls} calls.
     *
     * @throws IllegalStateException if the calls returned nothing (a sink the JIT could drop)
     */
    private static double perCall(Call call, int calls, LongSupplier counter) throws Exception {
        Object sink = null;
        long start = counter.getAsLong();
        for (int i = 0; i < calls; i++) {
            sink = call.run();
        }
        long used = counter.getAsLong() - start;
        if (sink == null) {
            throw new IllegalStateException("no result");
        }
        return (double) used / calls;
    }

    /**
     * Returns the calling thread's minor page faults so far (Linux: {@code /proc/thread-self/stat}),
     * or -1 where that is not available.
     */
    static long minorFaults() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"), StandardCharsets.US_ASCII);
            // After "pid (comm) ", the fields from state on; minflt is the eighth of them.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[7]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Returns the median of {@code values}. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Returns "median (quartiles q1-q3)" of {@code values}, to three decimals. */
    static String summary(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%.3f (quartiles %.3f-%.3f)", median(sorted),
                sorted[sorted.length / 4], sorted[3 * sorted.length / 4]);
    }
}
