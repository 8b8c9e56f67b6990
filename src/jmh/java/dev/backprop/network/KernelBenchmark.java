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
 * Micro-benchmarks of {@link LayerKernels} at the shapes of the issue-3 workloads, for both
 * implementations ({@code kernels=simd} needs the forked JVM's {@code --add-modules
 * jdk.incubator.vector}, which {@link Fork} passes). Results are nanoseconds per call:
 * <ul>
 *   <li>{@code forwardBlock}: 16 samples through {@code inputs x width} (wide: 784 x 256), that
 *       is {@code 2 * 16 * inputs * width} FLOP;
 *   <li>{@code gradientRows}: four weight rows of {@code width} over 128 samples,
 *       {@code 2 * 4 * 128 * width} FLOP;
 *   <li>{@code forwardSample} and {@code descendSample}: one sample (digits: 64 x 32),
 *       {@code 2 * inputs * width} FLOP each.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KernelBenchmark {

    private static final int CHUNK = 16;
    private static final int BATCH = 128;

    @Param({"simd", "scalar"})
    String kernels;

    @Param({"784x256", "64x32", "256x10"})
    String shape;

    LayerKernels implementation;
    DenseLayer layer;
    int stride;
    double[] parameters;
    double[] activations;
    double[] deltas;
    double[] sums;

    @Setup
    public void fill() {
        implementation = kernels.equals("simd")
                ? LayerKernels.simd().orElseThrow(() -> new IllegalStateException("no jdk.incubator.vector"))
                : LayerKernels.scalar();
        String[] sizes = shape.split("x");
        int inputs = Integer.parseInt(sizes[0]);
        int width = Integer.parseInt(sizes[1]);
        layer = new DenseLayer(0, inputs * width, inputs, width);
        stride = inputs + width;
        SplittableRandom random = new SplittableRandom(1);
        parameters = random.doubles(inputs * width + width, -0.5, 0.5).toArray();
        activations = random.doubles(BATCH * stride).toArray();
        deltas = random.doubles(BATCH * stride, -1e-3, 1e-3).toArray();
        sums = new double[4 * width];
    }

    @Benchmark
    public double[] forwardBlock() {
        implementation.forwardBlock(layer, parameters, null, activations, 0, layer.inputCount(), stride, CHUNK);
        return activations;
    }

    @Benchmark
    public double[] gradientRows() {
        implementation.gradientRows(layer, activations, 0, deltas, layer.inputCount(), stride, BATCH, 0, 4, sums, null);
        return sums;
    }

    @Benchmark
    public double[] forwardSample() {
        implementation.forwardSample(layer, parameters, activations, 0, layer.inputCount());
        return activations;
    }

    @Benchmark
    public double[] descendSample() {
        implementation.descendSample(layer, parameters, activations, 0, deltas, layer.inputCount(), 1e-9, true);
        return parameters;
    }
}
