package dev.backprop.training;

import dev.backprop.network.Activation;
import dev.backprop.network.Architecture;
import dev.backprop.network.Initializer;
import dev.backprop.network.LayerKernels;
import dev.backprop.network.Loss;
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
 * One per-sample training step ({@link Backpropagation#trainSample}: forward pass, deltas and the
 * weight update) of the digits (64-32-10) and XOR (2-4-1) networks, in nanoseconds per sample,
 * with either kernel set, with or without {@link Backpropagation#beginSamples} (which makes the
 * transposed weight copies of digits, and hands XOR to the step specialised for tiny networks, the
 * same for both kernel sets). The rows are random; their values do not change the work.
 * A step of digits is {@code 6 * 2368} FLOP by the bench's convention, of XOR {@code 6 * 12}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SampleStepBenchmark {

    private static final int ROWS = 256;

    @Param({"digits", "xor"})
    String network;

    @Param({"simd", "scalar"})
    String kernels;

    @Param({"true", "false"})
    boolean prepared;

    Backpropagation workspace;
    Examples examples;
    double[] parameters;
    double learningRate;
    int row;

    @Setup
    public void prepare() {
        int[] sizes = network.equals("digits") ? new int[] {64, 32, 10} : new int[] {2, 4, 1};
        Architecture architecture = new Architecture(sizes, Activation.SIGMOID, Activation.SIGMOID);
        LayerKernels implementation = kernels.equals("simd")
                ? LayerKernels.simd().orElseThrow(() -> new IllegalStateException("no jdk.incubator.vector"))
                : LayerKernels.scalar();
        SplittableRandom random = new SplittableRandom(1);
        double[] features = random.doubles((long) ROWS * sizes[0]).toArray();
        double[] targets = random.doubles((long) ROWS * sizes[2]).toArray();
        examples = new Examples(ROWS, sizes[0], sizes[2], features, targets);
        parameters = Initializer.referenceOrder(architecture, 1);
        learningRate = network.equals("digits") ? 0.1 : 0.5;
        workspace = new Backpropagation(architecture, Loss.SQUARED_ERROR, 1, implementation);
        if (prepared) {
            workspace.beginSamples(parameters);
        }
    }

    @Benchmark
    public double trainSample() {
        row = row + 1 == ROWS ? 0 : row + 1;
        return workspace.trainSample(parameters, examples, row, learningRate, true);
    }
}
