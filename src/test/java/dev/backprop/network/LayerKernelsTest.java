package dev.backprop.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The vector kernels give bitwise the same results as the scalar ones, at widths that exercise
 * every block size and tail, and both match a textbook loop to rounding.
 */
class LayerKernelsTest {

    private static final long SEED = 77L;
    private static final int STRIDE_PADDING = 3;

    private final SplittableRandom random = new SplittableRandom(SEED);

    @ParameterizedTest(name = "inputs={0} width={1} samples={2}")
    @CsvSource({"1,1,1", "2,4,4", "5,7,3", "9,8,5", "17,10,9", "20,16,4", "33,31,6", "40,32,8", "70,33,7",
        "64,32,1", "3,67,13", "131,24,5", "6,12,2",
        "5,13,3", "32,10,1", "131,96,17", "200,64,11", "9,40,6"})
    void simdEqualsScalarBitwise(int inputs, int width, int samples) {
        LayerKernels simd = simdOrSkip();
        LayerKernels scalar = LayerKernels.scalar();
        DenseLayer layer = new DenseLayer(0, inputs * width, inputs, width);
        int stride = inputs + width + STRIDE_PADDING;
        double[] parameters = randomArray(inputs * width + width, 0.0);
        double[] activations = randomArray(samples * stride, 0.25);
        double[] deltas = randomArray(samples * stride, 0.0);

        double[] bySimd = activations.clone();
        double[] byScalar = activations.clone();
        simd.forwardBlock(layer, parameters, null, bySimd, 0, inputs, stride, samples);
        scalar.forwardBlock(layer, parameters, null, byScalar, 0, inputs, stride, samples);
        assertArrayEquals(byScalar, bySimd, "forwardBlock");

        ForwardPass panelPass = new ForwardPass(
                new Architecture(new int[] {inputs, width}, Activation.SIGMOID, Activation.SIGMOID), simd);
        WeightPanels panels = new WeightPanels(panelPass);
        panels.pack(parameters);
        double[] byPanels = activations.clone();
        simd.forwardBlock(layer, parameters, panels.panel(1), byPanels, 0, inputs, stride, samples);
        assertArrayEquals(byScalar, byPanels, "forwardBlock from weight panels");

        bySimd = activations.clone();
        byScalar = activations.clone();
        simd.forwardSample(layer, parameters, bySimd, 0, inputs);
        scalar.forwardSample(layer, parameters, byScalar, 0, inputs);
        assertArrayEquals(byScalar, bySimd, "forwardSample");

        // as a first layer the inputs are read from "feature rows" (here the activation slices);
        // as a second layer they are copied into the panels
        SamplePanels firstLayerPanels = new SamplePanels(panelPass, samples);
        firstLayerPanels.readInputsFrom(activations);
        SamplePanels upperLayerPanels = new SamplePanels(new ForwardPass(
                new Architecture(new int[] {2, inputs, width}, Activation.SIGMOID, Activation.SIGMOID), simd), samples);
        for (int s = 0; s < samples; s++) {
            firstLayerPanels.setRowStart(s, s * stride);
            firstLayerPanels.store(1, activations, s * stride, deltas, s * stride + inputs, s);
            upperLayerPanels.store(2, activations, s * stride, deltas, s * stride + inputs, s);
        }
        for (int firstRow = 0; firstRow <= inputs; firstRow += 3) {
            // blocks of eight and of four rows, and the short ones at the end
            int rowCount = Math.min(firstRow % 2 == 0 ? 8 : 4, inputs + 1 - firstRow);
            double[] simdSums = new double[8 * width];
            double[] scalarSums = new double[8 * width];
            simd.gradientRows(layer, activations, 0, deltas, inputs, stride, samples, firstRow, rowCount, simdSums,
                    null);
            scalar.gradientRows(layer, activations, 0, deltas, inputs, stride, samples, firstRow, rowCount,
                    scalarSums, null);
            assertArrayEquals(scalarSums, simdSums, "gradientRows from row " + firstRow);

            double[] panelSums = new double[8 * width];
            simd.gradientRows(layer, activations, 0, deltas, inputs, stride, samples, firstRow, rowCount, panelSums,
                    upperLayerPanels.layer(2));
            assertArrayEquals(scalarSums, panelSums, "gradientRows from sample panels, from row " + firstRow);

            double[] rowSums = new double[8 * width];
            simd.gradientRows(layer, activations, 0, deltas, inputs, stride, samples, firstRow, rowCount, rowSums,
                    firstLayerPanels.layer(1));
            assertArrayEquals(scalarSums, rowSums, "gradientRows from feature rows, from row " + firstRow);
        }

        double[] simdParameters = parameters.clone();
        double[] scalarParameters = parameters.clone();
        simd.descendSample(layer, simdParameters, activations, 0, deltas, inputs, 0.3, true);
        scalar.descendSample(layer, scalarParameters, activations, 0, deltas, inputs, 0.3, true);
        assertArrayEquals(scalarParameters, simdParameters, "descendSample");

        simdParameters = parameters.clone();
        scalarParameters = parameters.clone();
        simd.descendSample(layer, simdParameters, activations, 0, deltas, inputs, 0.3, false);
        scalar.descendSample(layer, scalarParameters, activations, 0, deltas, inputs, 0.3, false);
        assertArrayEquals(scalarParameters, simdParameters, "descendSample with fixed biases");
        assertArrayEquals(Arrays.copyOfRange(parameters, inputs * width, inputs * width + width),
                Arrays.copyOfRange(simdParameters, inputs * width, inputs * width + width), "fixed biases");
    }

    @ParameterizedTest(name = "inputs={0} width={1}")
    @CsvSource({"2,4", "4,1", "3,7", "5,6", "64,32", "32,10"})
    void forwardSampleActivatedIsForwardSampleThenActivate(int inputs, int width) {
        LayerKernels simd = simdOrSkip();
        DenseLayer layer = new DenseLayer(0, inputs * width, inputs, width);
        double[] parameters = randomArray(inputs * width + width, 0.0);
        double[] activations = randomArray(inputs + width, 0.25);

        for (Activation activation : Activation.values()) {
            double[] separate = activations.clone();
            LayerKernels.scalar().forwardSample(layer, parameters, separate, 0, inputs);
            activation.apply(separate, inputs, width);
            for (LayerKernels kernels : new LayerKernels[] {LayerKernels.scalar(), simd}) {
                double[] fused = activations.clone();
                kernels.forwardSampleActivated(layer, parameters, fused, 0, inputs, activation);
                assertArrayEquals(separate, fused, kernels.name() + " " + activation);
            }
        }
    }

    @ParameterizedTest(name = "inputs={0} width={1}")
    @CsvSource({"1,1", "2,4", "4,1", "3,5", "6,7", "9,3"})
    void narrowLayersTakeTheSameStepsAsThePlainLoops(int inputs, int width) {
        DenseLayer layer = new DenseLayer(0, inputs * width, inputs, width);
        double[] parameters = randomArray(inputs * width + width, 0.0);
        double[] activations = randomArray(inputs + width, 0.25);
        double[] deltas = randomArray(inputs + width, 0.0);

        double[] narrow = activations.clone();
        double[] plain = activations.clone();
        LayerKernels.scalar().forwardSample(layer, parameters, narrow, 0, inputs);
        ScalarKernels.forward(layer, parameters, plain, 0, inputs);
        assertArrayEquals(plain, narrow, "forward");

        for (boolean updateBiases : new boolean[] {true, false}) {
            double[] narrowParameters = parameters.clone();
            double[] plainParameters = parameters.clone();
            LayerKernels.scalar().descendSample(layer, narrowParameters, activations, 0, deltas, inputs, 0.3,
                    updateBiases);
            ScalarKernels.descend(layer, plainParameters, activations, 0, deltas, inputs, 0.3, updateBiases);
            assertArrayEquals(plainParameters, narrowParameters, "descend, updateBiases=" + updateBiases);
        }
    }

    @ParameterizedTest(name = "inputs={0} width={1}")
    @CsvSource({"32,10", "8,3", "45,7", "64,32", "3,4", "17,1"})
    void transposedCopiesGiveTheSameDeltasAndSteps(int inputs, int width) {
        DenseLayer layer = new DenseLayer(0, inputs * width, inputs, width);
        double[] parameters = randomArray(inputs * width + width, 0.0);
        double[] activations = randomArray(inputs + width, 0.25);
        double[] deltas = randomArray(inputs + width, 0.0);
        double[] transposed = new double[inputs * width];
        for (int k = 0; k < inputs; k++) {
            for (int n = 0; n < width; n++) {
                transposed[n * inputs + k] = parameters[k * width + n];
            }
        }

        double[] expected = deltas.clone();
        LayerKernels.scalar().backpropagateDeltas(layer, parameters, activations, 0, expected, inputs,
                Activation.SIGMOID);
        double[] steppedParameters = parameters.clone();
        LayerKernels.scalar().descendSample(layer, steppedParameters, activations, 0, deltas, inputs, 0.3, true);
        for (LayerKernels kernels : allKernels()) {
            double[] fromCopy = deltas.clone();
            kernels.backpropagateDeltasTransposed(layer, transposed, activations, 0, fromCopy, inputs,
                    Activation.SIGMOID);
            assertArrayEquals(expected, fromCopy, kernels.name() + " deltas");

            double[] stepped = transposed.clone();
            kernels.descendTransposed(layer, stepped, activations, 0, deltas, inputs, 0.3);
            for (int k = 0; k < inputs; k++) {
                for (int n = 0; n < width; n++) {
                    assertEquals(steppedParameters[k * width + n], stepped[n * inputs + k], 0.0,
                            kernels.name() + " step of W[" + k + "][" + n + "]");
                }
            }
        }
    }

    @Test
    void kernelsMatchTextbookLoops() {
        int inputs = 13;
        int width = 21;
        int samples = 6;
        int stride = inputs + width;
        DenseLayer layer = new DenseLayer(0, inputs * width, inputs, width);
        double[] parameters = randomArray(inputs * width + width, 0.0);
        double[] activations = randomArray(samples * stride, 0.0);
        double[] deltas = randomArray(samples * stride, 0.0);

        LayerKernels.selected().forwardBlock(layer, parameters, null, activations, 0, inputs, stride, samples);
        double[] sums = new double[4 * width];
        LayerKernels.selected().gradientRows(layer, activations, 0, deltas, inputs, stride, samples, 4, 4, sums, null);
        for (int s = 0; s < samples; s++) {
            for (int n = 0; n < width; n++) {
                double net = parameters[inputs * width + n];
                for (int k = 0; k < inputs; k++) {
                    net += activations[s * stride + k] * parameters[k * width + n];
                }
                assertEquals(net, activations[s * stride + inputs + n], 1e-13, "z[" + s + "][" + n + "]");
            }
        }
        for (int r = 0; r < 4; r++) {
            for (int n = 0; n < width; n++) {
                double sum = 0.0;
                for (int s = 0; s < samples; s++) {
                    sum += activations[s * stride + 4 + r] * deltas[s * stride + inputs + n];
                }
                assertEquals(sum, sums[r * width + n], 1e-13, "g[" + (4 + r) + "][" + n + "]");
            }
        }
    }

    @Test
    void vectorPropertyFalseSelectsScalar() {
        // the surefire JVM has the module; the property is not set there
        assumeTrue(LayerKernels.simd().isPresent());
        assertEquals(LayerKernels.simd().get().name(), LayerKernels.selected().name());
        assertEquals("scalar-fma", LayerKernels.scalar().name());
    }

    private static LayerKernels simdOrSkip() {
        assumeTrue(LayerKernels.simd().isPresent(), "JVM started without --add-modules jdk.incubator.vector");
        return LayerKernels.simd().get();
    }

    /** Values in [-1, 1), a fraction {@code zeroShare} of them exactly zero. */
    private double[] randomArray(int length, double zeroShare) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextDouble() < zeroShare ? 0.0 : 2 * random.nextDouble() - 1;
        }
        return values;
    }

    private static LayerKernels[] allKernels() {
        return LayerKernels.simd().isPresent()
                ? new LayerKernels[] {LayerKernels.scalar(), LayerKernels.simd().get()}
                : new LayerKernels[] {LayerKernels.scalar()};
    }
}
