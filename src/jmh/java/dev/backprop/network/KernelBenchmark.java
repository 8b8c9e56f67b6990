package dev.backprop.network;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Micro-benchmarks of {@link LayerKernels} at the row widths of the issue-3 workloads
 * (10, 32 and 256 neurons). Results are in nanoseconds per call; divide the mul-add count
 * ({@code width}, or {@code 4 * width} for the four-row kernels) by it for the rate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelBenchmark {

    @Param({"10", "32", "256"})
    int width;

    double[] weights;
    double[] net;
    double[] delta;
    double[][] rows;

    @Setup
    public void fill() {
        SplittableRandom random = new SplittableRandom(1);
        weights = random.doubles(8 * width).toArray();
        net = random.doubles(width).toArray();
        delta = random.doubles(width).toArray();
        rows = new double[4][width];
    }

    @Benchmark
    public double[] addScaled() {
        LayerKernels.addScaled(1e-3, weights, width, net, 0, width);
        return net;
    }

    @Benchmark
    public double[] addScaled4() {
        LayerKernels.addScaled4(1e-3, 0, 2e-3, width, 3e-3, 2 * width, 4e-3, 3 * width, weights, net, 0, width);
        return net;
    }

    @Benchmark
    public double[][] addOuter4() {
        LayerKernels.addOuter4(delta, 0, 1e-3, 2e-3, 3e-3, 4e-3, rows[0], rows[1], rows[2], rows[3], width);
        return rows;
    }

    @Benchmark
    public double dot() {
        return LayerKernels.dot(weights, width, delta, 0, width);
    }
}
