package dev.backprop.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.network.Activation;
import dev.backprop.network.Architecture;
import dev.backprop.network.Initializer;
import dev.backprop.network.Loss;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The promise of issue 3: with the same seed, batch size and chunk size, training gives bitwise
 * the same weights and error log on 1, 2, 3 or 8 threads. Equality is exact (compared as raw
 * bits), not within a tolerance, since a tolerance would hide an order-dependent reduction.
 */
class ThreadCountReproducibilityTest {

    private static final int[] THREAD_COUNTS = {1, 2, 3, 8};

    static Stream<Arguments> workloads() {
        Supplier<Examples> xor = TestDatasets::xor;
        Supplier<Examples> iris = TestDatasets::iris;
        Supplier<Examples> digits = TestDatasets::digits;
        return Stream.of(
                Arguments.of("xor 2-4-1", new int[] {2, 4, 1}, Loss.SQUARED_ERROR, Activation.SIGMOID, xor, 200, 3),
                Arguments.of("iris 4-8-3", new int[] {4, 8, 3}, Loss.CROSS_ENTROPY, Activation.SOFTMAX, iris, 20, 32),
                Arguments.of("digits 64-32-10", new int[] {64, 32, 10}, Loss.SQUARED_ERROR, Activation.SIGMOID,
                        digits, 2, 32),
                Arguments.of("digits, uneven batch 100", new int[] {64, 32, 10}, Loss.CROSS_ENTROPY,
                        Activation.SOFTMAX, digits, 2, 100));
    }

    @ParameterizedTest(name = "{0}, batch {6}")
    @MethodSource("workloads")
    void weightsAndErrorLogAreBitwiseEqualForEveryThreadCount(
            String name, int[] layers, Loss loss, Activation output, Supplier<Examples> data, int epochs,
            int batchSize) {
        Architecture architecture = new Architecture(layers, Activation.SIGMOID, output);
        Examples examples = data.get();
        Run reference = train(architecture, examples, settings(loss, epochs, batchSize, 1));
        for (int threads : THREAD_COUNTS) {
            Run run = train(architecture, examples, settings(loss, epochs, batchSize, threads));
            assertBitwiseEqual(reference, run, name + " on " + threads + " threads");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void perSampleTrainingIgnoresTheThreadCount(
            String name, int[] layers, Loss loss, Activation output, Supplier<Examples> data, int epochs,
            int batchSize) {
        Architecture architecture = new Architecture(layers, Activation.SIGMOID, output);
        Examples examples = data.get();
        Run reference = train(architecture, examples, settings(loss, 1, 1, 1));
        for (int threads : THREAD_COUNTS) {
            Run run = train(architecture, examples, settings(loss, 1, 1, threads));
            assertBitwiseEqual(reference, run, name + " per sample on " + threads + " threads");
        }
    }

    private static TrainingSettings settings(Loss loss, int epochs, int batchSize, int threads) {
        return new TrainingSettings(0.1, epochs, batchSize, threads, TrainingSettings.DEFAULT_CHUNK_SIZE, 5, true,
                true, 7, loss);
    }

    private static Run train(Architecture architecture, Examples examples, TrainingSettings settings) {
        double[] parameters = Initializer.referenceOrder(architecture, 1);
        List<LogEntry> log = new ArrayList<>();
        Examples noValidation = new Examples(0, examples.featureCount(), examples.targetCount(), new double[0],
                new double[0]);
        new Trainer(architecture, settings, log::add).train(parameters, examples, noValidation);
        return new Run(parameters, log);
    }

    private static void assertBitwiseEqual(Run expected, Run actual, String what) {
        // assertArrayEquals on double[] compares with Double.equals, i.e. bit patterns
        assertArrayEquals(expected.parameters(), actual.parameters(), what + ": parameters");
        assertEquals(expected.log().size(), actual.log().size(), what + ": error-log rows");
        for (int i = 0; i < expected.log().size(); i++) {
            LogEntry want = expected.log().get(i);
            LogEntry got = actual.log().get(i);
            assertEquals(Double.doubleToRawLongBits(want.error()), Double.doubleToRawLongBits(got.error()),
                    what + ": error of log row " + i);
            assertEquals(want.step(), got.step(), what + ": step of log row " + i);
        }
    }

    private record Run(double[] parameters, List<LogEntry> log) {}
}
