package dev.backprop.network;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link LayerKernels} with {@code jdk.incubator.vector}: register-blocked micro-kernels that
 * keep a block of results in vector registers while they loop over the summation index, so each
 * operand is loaded once per block and each result stored once.
 *
 * <ul>
 *   <li>Forward from {@link WeightPanels} (the mini-batch path): 6 samples x 4 vectors of
 *       neurons (24 accumulators); per input {@code k}, four loads of the panel row, six
 *       broadcasts of the samples' inputs, 24 FMAs, in passes of
 *       {@value #PANEL_INPUTS_PER_PASS} inputs so that the panel strip stays in the L1 cache
 *       while all sample blocks use it; blocks of 4 and 1 samples for the rest. The panel's
 *       fixed row stride lets the compiler drop the bounds checks from the loop.
 *   <li>Forward from the parameters (neurons past the last whole panel, and callers without
 *       panels): 4 samples x 4 vectors, in passes of {@value #INPUTS_PER_PASS} inputs. Each
 *       pass resumes the chain where the previous one stored it, which changes no rounding.
 *   <li>Gradient from {@link SamplePanels}: 8 weight rows x 2 vectors of neurons (16
 *       accumulators); per sample, eight broadcasts of the inputs (from the panels, or the
 *       first layer's from the feature rows), two loads of the deltas at a fixed stride,
 *       sixteen FMAs; 4 x 4 blocks from the workspace for the rest.
 *   <li>Per-sample step: 4 vectors of {@code eta * delta} held in registers while every row of
 *       the layer is updated (on a {@link CacheAlignedCopy} of the weights when the trainer
 *       makes one).
 *   <li>Sigmoid: {@link Exponential}'s operations on a vector of neurons at a time.
 * </ul>
 * Neurons past the last whole vector are done by the scalar chains of {@link ScalarKernels}, in
 * the same order. Masked vector tails are avoided: the JDK 17 compiler does not intrinsify them.
 *
 * <p>Loaded by reflection from {@link LayerKernels} only when the module is present.
 */
final class SimdKernels extends LayerKernels {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int SAMPLES_PER_BLOCK = 4;
    private static final DoubleVector MINUS_LN2_HI = DoubleVector.broadcast(SPECIES, -Exponential.LN2_HI);
    private static final DoubleVector MINUS_LN2_LO = DoubleVector.broadcast(SPECIES, -Exponential.LN2_LO);
    private static final int INPUTS_PER_PASS = 16;
    private static final int PANEL = WeightPanels.COLUMNS;
    private static final int PANEL_INPUTS_PER_PASS = 128;

    @Override
    public String name() {
        return "simd-" + SPECIES.vectorBitSize();
    }

    @Override
    public boolean readsWeightPanels() {
        return PANEL == 4 * LANES;
    }

    @Override
    public void forwardBlock(
            DenseLayer layer, double[] parameters, WeightPanels.Panel panel, double[] activations, int inputs,
            int outputs, int stride, int count) {
        int width = layer.width();
        for (int s = 0; s < count; s++) {
            System.arraycopy(parameters, layer.biasOffset(), activations, outputs + s * stride, width);
        }
        int packed = panel != null && readsWeightPanels() ? panel.columns() : 0;
        if (packed > 0) {
            forwardPanels(layer, panel, activations, inputs, outputs, stride, count);
        }
        for (int k0 = 0; k0 < layer.inputCount(); k0 += INPUTS_PER_PASS) {
            int kCount = Math.min(INPUTS_PER_PASS, layer.inputCount() - k0);
            int w = layer.rowOffset(k0);
            int x = inputs + k0;
            int n = packed;
            for (; n + 4 * LANES <= width; n += 4 * LANES) {
                int s = 0;
                for (; s + SAMPLES_PER_BLOCK <= count; s += SAMPLES_PER_BLOCK) {
                    forward4x4(parameters, w + n, width, activations, x + s * stride, outputs + s * stride + n,
                            stride, kCount);
                }
                for (; s < count; s++) {
                    forward1x2(parameters, w + n, width, activations, x + s * stride, outputs + s * stride + n,
                            kCount);
                    forward1x2(parameters, w + n + 2 * LANES, width, activations, x + s * stride,
                            outputs + s * stride + n + 2 * LANES, kCount);
                }
            }
            for (; n + 2 * LANES <= width; n += 2 * LANES) {
                int s = 0;
                for (; s + SAMPLES_PER_BLOCK <= count; s += SAMPLES_PER_BLOCK) {
                    forward4x2(parameters, w + n, width, activations, x + s * stride, outputs + s * stride + n,
                            stride, kCount);
                }
                for (; s < count; s++) {
                    forward1x2(parameters, w + n, width, activations, x + s * stride, outputs + s * stride + n,
                            kCount);
                }
            }
            for (; n + LANES <= width; n += LANES) {
                int s = 0;
                for (; s + SAMPLES_PER_BLOCK <= count; s += SAMPLES_PER_BLOCK) {
                    forward4x1(parameters, w + n, width, activations, x + s * stride, outputs + s * stride + n,
                            stride, kCount);
                }
                for (; s < count; s++) {
                    forward1x1(parameters, w + n, width, activations, x + s * stride, outputs + s * stride + n,
                            kCount);
                }
            }
            for (; n < width; n++) {
                int s = 0;
                for (; s + SAMPLES_PER_BLOCK <= count; s += SAMPLES_PER_BLOCK) {
                    forwardScalar4(parameters, w + n, width, activations, x + s * stride, outputs + s * stride + n,
                            stride, kCount);
                }
                for (; s < count; s++) {
                    forwardScalar(parameters, w + n, width, activations, x + s * stride, outputs + s * stride + n,
                            kCount);
                }
            }
        }
    }

    /**
     * The neurons of {@code panel}: for each pass of {@value #PANEL_INPUTS_PER_PASS} inputs and
     * each panel, blocks of six samples, then four, then one, each chain resumed where the last
     * pass stored it.
     */
    private static void forwardPanels(
            DenseLayer layer, WeightPanels.Panel panel, double[] a, int inputs, int outputs, int stride, int count) {
        double[] w = panel.values();
        int inputCount = layer.inputCount();
        for (int k0 = 0; k0 < inputCount; k0 += PANEL_INPUTS_PER_PASS) {
            int kCount = Math.min(PANEL_INPUTS_PER_PASS, inputCount - k0);
            for (int n = 0; n < panel.columns(); n += PANEL) {
                int wFrom = panel.from() + n * inputCount + k0 * PANEL;
                int x = inputs + k0;
                int z = outputs + n;
                int s = 0;
                for (; s + 6 <= count; s += 6) {
                    panel6x4(w, wFrom, kCount, a, x + s * stride, z + s * stride, stride);
                }
                for (; s + 4 <= count; s += 4) {
                    panel4x4(w, wFrom, kCount, a, x + s * stride, z + s * stride, stride);
                }
                for (; s < count; s++) {
                    panel1x4(w, wFrom, kCount, a, x + s * stride, z + s * stride);
                }
            }
        }
    }

    /**
     * z[s][0 .. 4L) of samples s = 0..5 over {@code kCount} inputs from a weight panel: 24
     * accumulators, four weight loads and six broadcasts per input.
     */
    private static void panel6x4(double[] w, int wFrom, int kCount, double[] a, int x, int z, int stride) {
        int x1 = x + stride;
        int x2 = x1 + stride;
        int x3 = x2 + stride;
        int x4 = x3 + stride;
        int x5 = x4 + stride;
        int z1 = z + stride;
        int z2 = z1 + stride;
        int z3 = z2 + stride;
        int z4 = z3 + stride;
        int z5 = z4 + stride;
        DoubleVector c00 = DoubleVector.fromArray(SPECIES, a, z);
        DoubleVector c01 = DoubleVector.fromArray(SPECIES, a, z + LANES);
        DoubleVector c02 = DoubleVector.fromArray(SPECIES, a, z + 2 * LANES);
        DoubleVector c03 = DoubleVector.fromArray(SPECIES, a, z + 3 * LANES);
        DoubleVector c10 = DoubleVector.fromArray(SPECIES, a, z1);
        DoubleVector c11 = DoubleVector.fromArray(SPECIES, a, z1 + LANES);
        DoubleVector c12 = DoubleVector.fromArray(SPECIES, a, z1 + 2 * LANES);
        DoubleVector c13 = DoubleVector.fromArray(SPECIES, a, z1 + 3 * LANES);
        DoubleVector c20 = DoubleVector.fromArray(SPECIES, a, z2);
        DoubleVector c21 = DoubleVector.fromArray(SPECIES, a, z2 + LANES);
        DoubleVector c22 = DoubleVector.fromArray(SPECIES, a, z2 + 2 * LANES);
        DoubleVector c23 = DoubleVector.fromArray(SPECIES, a, z2 + 3 * LANES);
        DoubleVector c30 = DoubleVector.fromArray(SPECIES, a, z3);
        DoubleVector c31 = DoubleVector.fromArray(SPECIES, a, z3 + LANES);
        DoubleVector c32 = DoubleVector.fromArray(SPECIES, a, z3 + 2 * LANES);
        DoubleVector c33 = DoubleVector.fromArray(SPECIES, a, z3 + 3 * LANES);
        DoubleVector c40 = DoubleVector.fromArray(SPECIES, a, z4);
        DoubleVector c41 = DoubleVector.fromArray(SPECIES, a, z4 + LANES);
        DoubleVector c42 = DoubleVector.fromArray(SPECIES, a, z4 + 2 * LANES);
        DoubleVector c43 = DoubleVector.fromArray(SPECIES, a, z4 + 3 * LANES);
        DoubleVector c50 = DoubleVector.fromArray(SPECIES, a, z5);
        DoubleVector c51 = DoubleVector.fromArray(SPECIES, a, z5 + LANES);
        DoubleVector c52 = DoubleVector.fromArray(SPECIES, a, z5 + 2 * LANES);
        DoubleVector c53 = DoubleVector.fromArray(SPECIES, a, z5 + 3 * LANES);
        for (int k = 0; k < kCount; k++) {
            int row = wFrom + k * PANEL;
            DoubleVector w0 = DoubleVector.fromArray(SPECIES, w, row);
            DoubleVector w1 = DoubleVector.fromArray(SPECIES, w, row + LANES);
            DoubleVector w2 = DoubleVector.fromArray(SPECIES, w, row + 2 * LANES);
            DoubleVector w3 = DoubleVector.fromArray(SPECIES, w, row + 3 * LANES);
            DoubleVector v = DoubleVector.broadcast(SPECIES, a[x + k]);
            c00 = v.fma(w0, c00);
            c01 = v.fma(w1, c01);
            c02 = v.fma(w2, c02);
            c03 = v.fma(w3, c03);
            v = DoubleVector.broadcast(SPECIES, a[x1 + k]);
            c10 = v.fma(w0, c10);
            c11 = v.fma(w1, c11);
            c12 = v.fma(w2, c12);
            c13 = v.fma(w3, c13);
            v = DoubleVector.broadcast(SPECIES, a[x2 + k]);
            c20 = v.fma(w0, c20);
            c21 = v.fma(w1, c21);
            c22 = v.fma(w2, c22);
            c23 = v.fma(w3, c23);
            v = DoubleVector.broadcast(SPECIES, a[x3 + k]);
            c30 = v.fma(w0, c30);
            c31 = v.fma(w1, c31);
            c32 = v.fma(w2, c32);
            c33 = v.fma(w3, c33);
            v = DoubleVector.broadcast(SPECIES, a[x4 + k]);
            c40 = v.fma(w0, c40);
            c41 = v.fma(w1, c41);
            c42 = v.fma(w2, c42);
            c43 = v.fma(w3, c43);
            v = DoubleVector.broadcast(SPECIES, a[x5 + k]);
            c50 = v.fma(w0, c50);
            c51 = v.fma(w1, c51);
            c52 = v.fma(w2, c52);
            c53 = v.fma(w3, c53);
        }
        c00.intoArray(a, z);
        c01.intoArray(a, z + LANES);
        c02.intoArray(a, z + 2 * LANES);
        c03.intoArray(a, z + 3 * LANES);
        c10.intoArray(a, z1);
        c11.intoArray(a, z1 + LANES);
        c12.intoArray(a, z1 + 2 * LANES);
        c13.intoArray(a, z1 + 3 * LANES);
        c20.intoArray(a, z2);
        c21.intoArray(a, z2 + LANES);
        c22.intoArray(a, z2 + 2 * LANES);
        c23.intoArray(a, z2 + 3 * LANES);
        c30.intoArray(a, z3);
        c31.intoArray(a, z3 + LANES);
        c32.intoArray(a, z3 + 2 * LANES);
        c33.intoArray(a, z3 + 3 * LANES);
        c40.intoArray(a, z4);
        c41.intoArray(a, z4 + LANES);
        c42.intoArray(a, z4 + 2 * LANES);
        c43.intoArray(a, z4 + 3 * LANES);
        c50.intoArray(a, z5);
        c51.intoArray(a, z5 + LANES);
        c52.intoArray(a, z5 + 2 * LANES);
        c53.intoArray(a, z5 + 3 * LANES);
    }

    /**
     * z[s][0 .. 4L) of samples s = 0..3 over {@code kCount} inputs from a weight panel: the
     * remainder of a chunk after its blocks of six. The same body as {@link #forward4x4} but for
     * the row stride, here the constant {@value #PANEL}: passing it as an argument to one shared
     * method would keep the bounds checks in the loop, since the method is too large to inline.
     */
    private static void panel4x4(double[] w, int wFrom, int kCount, double[] a, int x, int z, int stride) {
        int x1 = x + stride;
        int x2 = x1 + stride;
        int x3 = x2 + stride;
        int z1 = z + stride;
        int z2 = z1 + stride;
        int z3 = z2 + stride;
        DoubleVector c00 = DoubleVector.fromArray(SPECIES, a, z);
        DoubleVector c01 = DoubleVector.fromArray(SPECIES, a, z + LANES);
        DoubleVector c02 = DoubleVector.fromArray(SPECIES, a, z + 2 * LANES);
        DoubleVector c03 = DoubleVector.fromArray(SPECIES, a, z + 3 * LANES);
        DoubleVector c10 = DoubleVector.fromArray(SPECIES, a, z1);
        DoubleVector c11 = DoubleVector.fromArray(SPECIES, a, z1 + LANES);
        DoubleVector c12 = DoubleVector.fromArray(SPECIES, a, z1 + 2 * LANES);
        DoubleVector c13 = DoubleVector.fromArray(SPECIES, a, z1 + 3 * LANES);
        DoubleVector c20 = DoubleVector.fromArray(SPECIES, a, z2);
        DoubleVector c21 = DoubleVector.fromArray(SPECIES, a, z2 + LANES);
        DoubleVector c22 = DoubleVector.fromArray(SPECIES, a, z2 + 2 * LANES);
        DoubleVector c23 = DoubleVector.fromArray(SPECIES, a, z2 + 3 * LANES);
        DoubleVector c30 = DoubleVector.fromArray(SPECIES, a, z3);
        DoubleVector c31 = DoubleVector.fromArray(SPECIES, a, z3 + LANES);
        DoubleVector c32 = DoubleVector.fromArray(SPECIES, a, z3 + 2 * LANES);
        DoubleVector c33 = DoubleVector.fromArray(SPECIES, a, z3 + 3 * LANES);
        for (int k = 0; k < kCount; k++) {
            int row = wFrom + k * PANEL;
            DoubleVector w0 = DoubleVector.fromArray(SPECIES, w, row);
            DoubleVector w1 = DoubleVector.fromArray(SPECIES, w, row + LANES);
            DoubleVector w2 = DoubleVector.fromArray(SPECIES, w, row + 2 * LANES);
            DoubleVector w3 = DoubleVector.fromArray(SPECIES, w, row + 3 * LANES);
            DoubleVector v = DoubleVector.broadcast(SPECIES, a[x + k]);
            c00 = v.fma(w0, c00);
            c01 = v.fma(w1, c01);
            c02 = v.fma(w2, c02);
            c03 = v.fma(w3, c03);
            v = DoubleVector.broadcast(SPECIES, a[x1 + k]);
            c10 = v.fma(w0, c10);
            c11 = v.fma(w1, c11);
            c12 = v.fma(w2, c12);
            c13 = v.fma(w3, c13);
            v = DoubleVector.broadcast(SPECIES, a[x2 + k]);
            c20 = v.fma(w0, c20);
            c21 = v.fma(w1, c21);
            c22 = v.fma(w2, c22);
            c23 = v.fma(w3, c23);
            v = DoubleVector.broadcast(SPECIES, a[x3 + k]);
            c30 = v.fma(w0, c30);
            c31 = v.fma(w1, c31);
            c32 = v.fma(w2, c32);
            c33 = v.fma(w3, c33);
        }
        c00.intoArray(a, z);
        c01.intoArray(a, z + LANES);
        c02.intoArray(a, z + 2 * LANES);
        c03.intoArray(a, z + 3 * LANES);
        c10.intoArray(a, z1);
        c11.intoArray(a, z1 + LANES);
        c12.intoArray(a, z1 + 2 * LANES);
        c13.intoArray(a, z1 + 3 * LANES);
        c20.intoArray(a, z2);
        c21.intoArray(a, z2 + LANES);
        c22.intoArray(a, z2 + 2 * LANES);
        c23.intoArray(a, z2 + 3 * LANES);
        c30.intoArray(a, z3);
        c31.intoArray(a, z3 + LANES);
        c32.intoArray(a, z3 + 2 * LANES);
        c33.intoArray(a, z3 + 3 * LANES);
    }

    /** z[0 .. 4L) of one sample over {@code kCount} inputs from a weight panel. */
    private static void panel1x4(double[] w, int wFrom, int kCount, double[] a, int x, int z) {
        DoubleVector c0 = DoubleVector.fromArray(SPECIES, a, z);
        DoubleVector c1 = DoubleVector.fromArray(SPECIES, a, z + LANES);
        DoubleVector c2 = DoubleVector.fromArray(SPECIES, a, z + 2 * LANES);
        DoubleVector c3 = DoubleVector.fromArray(SPECIES, a, z + 3 * LANES);
        for (int k = 0; k < kCount; k++) {
            int row = wFrom + k * PANEL;
            DoubleVector v = DoubleVector.broadcast(SPECIES, a[x + k]);
            c0 = v.fma(DoubleVector.fromArray(SPECIES, w, row), c0);
            c1 = v.fma(DoubleVector.fromArray(SPECIES, w, row + LANES), c1);
            c2 = v.fma(DoubleVector.fromArray(SPECIES, w, row + 2 * LANES), c2);
            c3 = v.fma(DoubleVector.fromArray(SPECIES, w, row + 3 * LANES), c3);
        }
        c0.intoArray(a, z);
        c1.intoArray(a, z + LANES);
        c2.intoArray(a, z + 2 * LANES);
        c3.intoArray(a, z + 3 * LANES);
    }

    /** z[s][0 .. 4L) of samples s = 0..3 (at {@code stride} apart) over {@code kCount} inputs. */
    private static void forward4x4(
            double[] p, int w, int width, double[] a, int x, int z, int stride, int kCount) {
        int x1 = x + stride;
        int x2 = x1 + stride;
        int x3 = x2 + stride;
        int z1 = z + stride;
        int z2 = z1 + stride;
        int z3 = z2 + stride;
        DoubleVector c00 = DoubleVector.fromArray(SPECIES, a, z);
        DoubleVector c01 = DoubleVector.fromArray(SPECIES, a, z + LANES);
        DoubleVector c02 = DoubleVector.fromArray(SPECIES, a, z + 2 * LANES);
        DoubleVector c03 = DoubleVector.fromArray(SPECIES, a, z + 3 * LANES);
        DoubleVector c10 = DoubleVector.fromArray(SPECIES, a, z1);
        DoubleVector c11 = DoubleVector.fromArray(SPECIES, a, z1 + LANES);
        DoubleVector c12 = DoubleVector.fromArray(SPECIES, a, z1 + 2 * LANES);
        DoubleVector c13 = DoubleVector.fromArray(SPECIES, a, z1 + 3 * LANES);
        DoubleVector c20 = DoubleVector.fromArray(SPECIES, a, z2);
        DoubleVector c21 = DoubleVector.fromArray(SPECIES, a, z2 + LANES);
        DoubleVector c22 = DoubleVector.fromArray(SPECIES, a, z2 + 2 * LANES);
        DoubleVector c23 = DoubleVector.fromArray(SPECIES, a, z2 + 3 * LANES);
        DoubleVector c30 = DoubleVector.fromArray(SPECIES, a, z3);
        DoubleVector c31 = DoubleVector.fromArray(SPECIES, a, z3 + LANES);
        DoubleVector c32 = DoubleVector.fromArray(SPECIES, a, z3 + 2 * LANES);
        DoubleVector c33 = DoubleVector.fromArray(SPECIES, a, z3 + 3 * LANES);
        for (int k = 0; k < kCount; k++) {
            int row = w + k * width;
            DoubleVector w0 = DoubleVector.fromArray(SPECIES, p, row);
            DoubleVector w1 = DoubleVector.fromArray(SPECIES, p, row + LANES);
            DoubleVector w2 = DoubleVector.fromArray(SPECIES, p, row + 2 * LANES);
            DoubleVector w3 = DoubleVector.fromArray(SPECIES, p, row + 3 * LANES);
            DoubleVector v = DoubleVector.broadcast(SPECIES, a[x + k]);
            c00 = v.fma(w0, c00);
            c01 = v.fma(w1, c01);
            c02 = v.fma(w2, c02);
            c03 = v.fma(w3, c03);
            v = DoubleVector.broadcast(SPECIES, a[x1 + k]);
            c10 = v.fma(w0, c10);
            c11 = v.fma(w1, c11);
            c12 = v.fma(w2, c12);
            c13 = v.fma(w3, c13);
            v = DoubleVector.broadcast(SPECIES, a[x2 + k]);
            c20 = v.fma(w0, c20);
            c21 = v.fma(w1, c21);
            c22 = v.fma(w2, c22);
            c23 = v.fma(w3, c23);
            v = DoubleVector.broadcast(SPECIES, a[x3 + k]);
            c30 = v.fma(w0, c30);
            c31 = v.fma(w1, c31);
            c32 = v.fma(w2, c32);
            c33 = v.fma(w3, c33);
        }
        c00.intoArray(a, z);
        c01.intoArray(a, z + LANES);
        c02.intoArray(a, z + 2 * LANES);
        c03.intoArray(a, z + 3 * LANES);
        c10.intoArray(a, z1);
        c11.intoArray(a, z1 + LANES);
        c12.intoArray(a, z1 + 2 * LANES);
        c13.intoArray(a, z1 + 3 * LANES);
        c20.intoArray(a, z2);
        c21.intoArray(a, z2 + LANES);
        c22.intoArray(a, z2 + 2 * LANES);
        c23.intoArray(a, z2 + 3 * LANES);
        c30.intoArray(a, z3);
        c31.intoArray(a, z3 + LANES);
        c32.intoArray(a, z3 + 2 * LANES);
        c33.intoArray(a, z3 + 3 * LANES);
    }

    /** z[s][0 .. L) of samples s = 0..3 over {@code kCount} inputs: four independent chains. */
    private static void forward4x1(
            double[] p, int w, int width, double[] a, int x, int z, int stride, int kCount) {
        DoubleVector c0 = DoubleVector.fromArray(SPECIES, a, z);
        DoubleVector c1 = DoubleVector.fromArray(SPECIES, a, z + stride);
        DoubleVector c2 = DoubleVector.fromArray(SPECIES, a, z + 2 * stride);
        DoubleVector c3 = DoubleVector.fromArray(SPECIES, a, z + 3 * stride);
        for (int k = 0; k < kCount; k++) {
            DoubleVector w0 = DoubleVector.fromArray(SPECIES, p, w + k * width);
            c0 = DoubleVector.broadcast(SPECIES, a[x + k]).fma(w0, c0);
            c1 = DoubleVector.broadcast(SPECIES, a[x + stride + k]).fma(w0, c1);
            c2 = DoubleVector.broadcast(SPECIES, a[x + 2 * stride + k]).fma(w0, c2);
            c3 = DoubleVector.broadcast(SPECIES, a[x + 3 * stride + k]).fma(w0, c3);
        }
        c0.intoArray(a, z);
        c1.intoArray(a, z + stride);
        c2.intoArray(a, z + 2 * stride);
        c3.intoArray(a, z + 3 * stride);
    }

    /** One neuron z[s][0] of samples s = 0..3: four scalar chains side by side. */
    private static void forwardScalar4(
            double[] p, int w, int width, double[] a, int x, int z, int stride, int kCount) {
        double c0 = a[z];
        double c1 = a[z + stride];
        double c2 = a[z + 2 * stride];
        double c3 = a[z + 3 * stride];
        for (int k = 0; k < kCount; k++) {
            double wk = p[w + k * width];
            c0 = Math.fma(a[x + k], wk, c0);
            c1 = Math.fma(a[x + stride + k], wk, c1);
            c2 = Math.fma(a[x + 2 * stride + k], wk, c2);
            c3 = Math.fma(a[x + 3 * stride + k], wk, c3);
        }
        a[z] = c0;
        a[z + stride] = c1;
        a[z + 2 * stride] = c2;
        a[z + 3 * stride] = c3;
    }

    /** z[s][0 .. 2L) of samples s = 0..3 (at {@code stride} apart) over {@code kCount} inputs. */
    private static void forward4x2(
            double[] p, int w, int width, double[] a, int x, int z, int stride, int kCount) {
        int x1 = x + stride;
        int x2 = x1 + stride;
        int x3 = x2 + stride;
        int z1 = z + stride;
        int z2 = z1 + stride;
        int z3 = z2 + stride;
        DoubleVector c00 = DoubleVector.fromArray(SPECIES, a, z);
        DoubleVector c01 = DoubleVector.fromArray(SPECIES, a, z + LANES);
        DoubleVector c10 = DoubleVector.fromArray(SPECIES, a, z1);
        DoubleVector c11 = DoubleVector.fromArray(SPECIES, a, z1 + LANES);
        DoubleVector c20 = DoubleVector.fromArray(SPECIES, a, z2);
        DoubleVector c21 = DoubleVector.fromArray(SPECIES, a, z2 + LANES);
        DoubleVector c30 = DoubleVector.fromArray(SPECIES, a, z3);
        DoubleVector c31 = DoubleVector.fromArray(SPECIES, a, z3 + LANES);
        for (int k = 0; k < kCount; k++) {
            int row = w + k * width;
            DoubleVector w0 = DoubleVector.fromArray(SPECIES, p, row);
            DoubleVector w1 = DoubleVector.fromArray(SPECIES, p, row + LANES);
            DoubleVector v = DoubleVector.broadcast(SPECIES, a[x + k]);
            c00 = v.fma(w0, c00);
            c01 = v.fma(w1, c01);
            v = DoubleVector.broadcast(SPECIES, a[x1 + k]);
            c10 = v.fma(w0, c10);
            c11 = v.fma(w1, c11);
            v = DoubleVector.broadcast(SPECIES, a[x2 + k]);
            c20 = v.fma(w0, c20);
            c21 = v.fma(w1, c21);
            v = DoubleVector.broadcast(SPECIES, a[x3 + k]);
            c30 = v.fma(w0, c30);
            c31 = v.fma(w1, c31);
        }
        c00.intoArray(a, z);
        c01.intoArray(a, z + LANES);
        c10.intoArray(a, z1);
        c11.intoArray(a, z1 + LANES);
        c20.intoArray(a, z2);
        c21.intoArray(a, z2 + LANES);
        c30.intoArray(a, z3);
        c31.intoArray(a, z3 + LANES);
    }

    private static void forward1x2(double[] p, int w, int width, double[] a, int x, int z, int kCount) {
        DoubleVector c0 = DoubleVector.fromArray(SPECIES, a, z);
        DoubleVector c1 = DoubleVector.fromArray(SPECIES, a, z + LANES);
        for (int k = 0; k < kCount; k++) {
            int row = w + k * width;
            DoubleVector v = DoubleVector.broadcast(SPECIES, a[x + k]);
            c0 = v.fma(DoubleVector.fromArray(SPECIES, p, row), c0);
            c1 = v.fma(DoubleVector.fromArray(SPECIES, p, row + LANES), c1);
        }
        c0.intoArray(a, z);
        c1.intoArray(a, z + LANES);
    }

    private static void forward1x1(double[] p, int w, int width, double[] a, int x, int z, int kCount) {
        DoubleVector c = DoubleVector.fromArray(SPECIES, a, z);
        for (int k = 0; k < kCount; k++) {
            c = DoubleVector.broadcast(SPECIES, a[x + k]).fma(DoubleVector.fromArray(SPECIES, p, w + k * width), c);
        }
        c.intoArray(a, z);
    }

    private static void forwardScalar(double[] p, int w, int width, double[] a, int x, int z, int kCount) {
        double c = a[z];
        for (int k = 0; k < kCount; k++) {
            c = Math.fma(a[x + k], p[w + k * width], c);
        }
        a[z] = c;
    }

    @Override
    public void forwardSample(
            DenseLayer layer, double[] parameters, double[] activations, int inputs, int outputs) {
        int width = layer.width();
        if (width < LANES) {
            // too narrow for a vector (XOR's 2-4-1): scalar chains in registers, with the same bits
            ScalarKernels.forwardNarrow(layer, parameters, activations, inputs, outputs, false);
            return;
        }
        System.arraycopy(parameters, layer.biasOffset(), activations, outputs, width);
        int n = 0;
        for (; n + 4 * LANES <= width; n += 4 * LANES) {
            forwardSample4(layer, parameters, activations, inputs, outputs + n, n);
        }
        if (width - n >= LANES && width - n <= LANES + 4) {
            forwardSampleTail(layer, parameters, activations, inputs, outputs, n);
            return;
        }
        for (; n + LANES <= width; n += LANES) {
            DoubleVector c = DoubleVector.fromArray(SPECIES, activations, outputs + n);
            for (int k = 0; k < layer.inputCount(); k++) {
                c = DoubleVector.broadcast(SPECIES, activations[inputs + k])
                        .fma(DoubleVector.fromArray(SPECIES, parameters, layer.rowOffset(k) + n), c);
            }
            c.intoArray(activations, outputs + n);
        }
        for (; n < width; n++) {
            double c = activations[outputs + n];
            for (int k = 0; k < layer.inputCount(); k++) {
                c = Math.fma(activations[inputs + k], parameters[layer.rowOffset(k) + n], c);
            }
            activations[outputs + n] = c;
        }
    }

    @Override
    public void forwardSampleActivated(
            DenseLayer layer, double[] parameters, double[] activations, int inputs, int outputs,
            Activation activation) {
        if (layer.width() < LANES && activation == Activation.SIGMOID) {
            ScalarKernels.forwardNarrow(layer, parameters, activations, inputs, outputs, true);
        } else {
            super.forwardSampleActivated(layer, parameters, activations, inputs, outputs, activation);
        }
    }

    /**
     * The last {@code L} to {@code L + 4} neurons from {@code n} (an output layer of 10 with
     * {@code L = 8}) in one pass over the inputs: one vector chain and up to four scalar chains
     * run side by side instead of one after the other. Unused scalar chains repeat the last
     * neuron: they compute the same chain, so storing them twice changes nothing.
     */
    private static void forwardSampleTail(DenseLayer layer, double[] p, double[] a, int inputs, int outputs, int n) {
        int width = layer.width();
        int z = outputs + n;
        int t0 = Math.min(n + LANES, width - 1);
        int t1 = Math.min(n + LANES + 1, width - 1);
        int t2 = Math.min(n + LANES + 2, width - 1);
        int t3 = Math.min(n + LANES + 3, width - 1);
        DoubleVector c = DoubleVector.fromArray(SPECIES, a, z);
        double c0 = a[outputs + t0];
        double c1 = a[outputs + t1];
        double c2 = a[outputs + t2];
        double c3 = a[outputs + t3];
        for (int k = 0; k < layer.inputCount(); k++) {
            double x = a[inputs + k];
            int row = layer.rowOffset(k);
            c = DoubleVector.broadcast(SPECIES, x).fma(DoubleVector.fromArray(SPECIES, p, row + n), c);
            c0 = Math.fma(x, p[row + t0], c0);
            c1 = Math.fma(x, p[row + t1], c1);
            c2 = Math.fma(x, p[row + t2], c2);
            c3 = Math.fma(x, p[row + t3], c3);
        }
        c.intoArray(a, z);
        a[outputs + t3] = c3;
        a[outputs + t2] = c2;
        a[outputs + t1] = c1;
        a[outputs + t0] = c0;
    }

    private static void forwardSample4(DenseLayer layer, double[] p, double[] a, int inputs, int z, int n) {
        DoubleVector c0 = DoubleVector.fromArray(SPECIES, a, z);
        DoubleVector c1 = DoubleVector.fromArray(SPECIES, a, z + LANES);
        DoubleVector c2 = DoubleVector.fromArray(SPECIES, a, z + 2 * LANES);
        DoubleVector c3 = DoubleVector.fromArray(SPECIES, a, z + 3 * LANES);
        for (int k = 0; k < layer.inputCount(); k++) {
            int row = layer.rowOffset(k) + n;
            DoubleVector v = DoubleVector.broadcast(SPECIES, a[inputs + k]);
            c0 = v.fma(DoubleVector.fromArray(SPECIES, p, row), c0);
            c1 = v.fma(DoubleVector.fromArray(SPECIES, p, row + LANES), c1);
            c2 = v.fma(DoubleVector.fromArray(SPECIES, p, row + 2 * LANES), c2);
            c3 = v.fma(DoubleVector.fromArray(SPECIES, p, row + 3 * LANES), c3);
        }
        c0.intoArray(a, z);
        c1.intoArray(a, z + LANES);
        c2.intoArray(a, z + 2 * LANES);
        c3.intoArray(a, z + 3 * LANES);
    }

    @Override
    public boolean readsSamplePanels() {
        return SamplePanels.NEURONS == 2 * LANES;
    }

    @Override
    public void gradientRows(
            DenseLayer layer, double[] activations, int inputs, double[] deltas, int outputs, int stride,
            int samples, int firstRow, int rowCount, double[] sums, SamplePanels.Layer panels) {
        int width = layer.width();
        int x = inputs + firstRow;
        if (rowCount == 8 && firstRow + 8 <= layer.inputCount()) {
            int n = 0;
            if (panels != null && readsSamplePanels() && panels.inputValues() != null
                    && firstRow % SamplePanels.ROWS == 0 && firstRow + 8 <= panels.rows()) {
                int xFrom = panels.inputBlockFrom(firstRow);
                for (; n < panels.neurons(); n += SamplePanels.NEURONS) {
                    gradient8x2(panels.inputValues(), panels.sampleStarts(), xFrom, panels.values(),
                            panels.deltasFrom() + n * panels.capacity(), samples, sums, n, width);
                }
            }
            fourRows(activations, x, deltas, outputs, stride, samples, sums, 0, n, width);
            fourRows(activations, x + 4, deltas, outputs, stride, samples, sums, 4 * width, n, width);
            return;
        }
        if (rowCount != 4 || firstRow + 4 > layer.inputCount()) {
            for (int r = 0; r < rowCount; r++) {
                gradientRow(layer, activations, inputs, deltas, outputs, stride, samples, firstRow + r, sums,
                        r * width);
            }
            return;
        }
        fourRows(activations, x, deltas, outputs, stride, samples, sums, 0, 0, width);
    }

    /** Neurons {@code nFrom ..} of the four rows whose inputs start at {@code x}, into {@code sums[to ..]}. */
    private static void fourRows(
            double[] a, int x, double[] d, int outputs, int stride, int samples, double[] sums, int to, int nFrom,
            int width) {
        int n = nFrom;
        for (; n + 4 * LANES <= width; n += 4 * LANES) {
            gradient4x4(a, x, d, outputs + n, stride, samples, sums, to + n, width);
        }
        for (; n + 2 * LANES <= width; n += 2 * LANES) {
            gradient4x2(a, x, d, outputs + n, stride, samples, sums, to + n, width);
        }
        for (; n + LANES <= width; n += LANES) {
            gradient4x1(a, x, d, outputs + n, stride, samples, sums, to + n, width);
        }
        for (; n < width; n++) {
            for (int r = 0; r < 4; r++) {
                double g = 0.0;
                for (int s = 0; s < samples; s++) {
                    g = Math.fma(a[x + s * stride + r], d[outputs + s * stride + n], g);
                }
                sums[to + r * width + n] = g;
            }
        }
    }

    /**
     * g[r][0 .. 2L) for rows r = 0..7 over all samples, from {@link SamplePanels}: per sample
     * eight broadcasts of its inputs {@code x[xFrom + starts[s] ..]} and two loads of its deltas,
     * read at a fixed stride, for sixteen FMAs.
     */
    private static void gradient8x2(
            double[] x, int[] starts, int xFrom, double[] panels, int dFrom, int samples, double[] sums, int n,
            int width) {
        DoubleVector g00 = DoubleVector.zero(SPECIES);
        DoubleVector g01 = g00;
        DoubleVector g10 = g00;
        DoubleVector g11 = g00;
        DoubleVector g20 = g00;
        DoubleVector g21 = g00;
        DoubleVector g30 = g00;
        DoubleVector g31 = g00;
        DoubleVector g40 = g00;
        DoubleVector g41 = g00;
        DoubleVector g50 = g00;
        DoubleVector g51 = g00;
        DoubleVector g60 = g00;
        DoubleVector g61 = g00;
        DoubleVector g70 = g00;
        DoubleVector g71 = g00;
        for (int s = 0; s < samples; s++) {
            int xs = xFrom + starts[s];
            int ds = dFrom + s * SamplePanels.NEURONS;
            DoubleVector d0 = DoubleVector.fromArray(SPECIES, panels, ds);
            DoubleVector d1 = DoubleVector.fromArray(SPECIES, panels, ds + LANES);
            DoubleVector v = DoubleVector.broadcast(SPECIES, x[xs]);
            g00 = v.fma(d0, g00);
            g01 = v.fma(d1, g01);
            v = DoubleVector.broadcast(SPECIES, x[xs + 1]);
            g10 = v.fma(d0, g10);
            g11 = v.fma(d1, g11);
            v = DoubleVector.broadcast(SPECIES, x[xs + 2]);
            g20 = v.fma(d0, g20);
            g21 = v.fma(d1, g21);
            v = DoubleVector.broadcast(SPECIES, x[xs + 3]);
            g30 = v.fma(d0, g30);
            g31 = v.fma(d1, g31);
            v = DoubleVector.broadcast(SPECIES, x[xs + 4]);
            g40 = v.fma(d0, g40);
            g41 = v.fma(d1, g41);
            v = DoubleVector.broadcast(SPECIES, x[xs + 5]);
            g50 = v.fma(d0, g50);
            g51 = v.fma(d1, g51);
            v = DoubleVector.broadcast(SPECIES, x[xs + 6]);
            g60 = v.fma(d0, g60);
            g61 = v.fma(d1, g61);
            v = DoubleVector.broadcast(SPECIES, x[xs + 7]);
            g70 = v.fma(d0, g70);
            g71 = v.fma(d1, g71);
        }
        g00.intoArray(sums, n);
        g01.intoArray(sums, n + LANES);
        g10.intoArray(sums, width + n);
        g11.intoArray(sums, width + n + LANES);
        g20.intoArray(sums, 2 * width + n);
        g21.intoArray(sums, 2 * width + n + LANES);
        g30.intoArray(sums, 3 * width + n);
        g31.intoArray(sums, 3 * width + n + LANES);
        g40.intoArray(sums, 4 * width + n);
        g41.intoArray(sums, 4 * width + n + LANES);
        g50.intoArray(sums, 5 * width + n);
        g51.intoArray(sums, 5 * width + n + LANES);
        g60.intoArray(sums, 6 * width + n);
        g61.intoArray(sums, 6 * width + n + LANES);
        g70.intoArray(sums, 7 * width + n);
        g71.intoArray(sums, 7 * width + n + LANES);
    }

    /** g[r][0 .. 4L) for rows r = 0..3 (inputs x .. x+3 of each sample) over all samples. */
    private static void gradient4x4(
            double[] a, int x, double[] d, int dFrom, int stride, int samples, double[] sums, int n, int width) {
        DoubleVector g00 = DoubleVector.zero(SPECIES);
        DoubleVector g01 = g00;
        DoubleVector g02 = g00;
        DoubleVector g03 = g00;
        DoubleVector g10 = g00;
        DoubleVector g11 = g00;
        DoubleVector g12 = g00;
        DoubleVector g13 = g00;
        DoubleVector g20 = g00;
        DoubleVector g21 = g00;
        DoubleVector g22 = g00;
        DoubleVector g23 = g00;
        DoubleVector g30 = g00;
        DoubleVector g31 = g00;
        DoubleVector g32 = g00;
        DoubleVector g33 = g00;
        for (int s = 0; s < samples; s++) {
            int xs = x + s * stride;
            int ds = dFrom + s * stride;
            DoubleVector d0 = DoubleVector.fromArray(SPECIES, d, ds);
            DoubleVector d1 = DoubleVector.fromArray(SPECIES, d, ds + LANES);
            DoubleVector d2 = DoubleVector.fromArray(SPECIES, d, ds + 2 * LANES);
            DoubleVector d3 = DoubleVector.fromArray(SPECIES, d, ds + 3 * LANES);
            DoubleVector v = DoubleVector.broadcast(SPECIES, a[xs]);
            g00 = v.fma(d0, g00);
            g01 = v.fma(d1, g01);
            g02 = v.fma(d2, g02);
            g03 = v.fma(d3, g03);
            v = DoubleVector.broadcast(SPECIES, a[xs + 1]);
            g10 = v.fma(d0, g10);
            g11 = v.fma(d1, g11);
            g12 = v.fma(d2, g12);
            g13 = v.fma(d3, g13);
            v = DoubleVector.broadcast(SPECIES, a[xs + 2]);
            g20 = v.fma(d0, g20);
            g21 = v.fma(d1, g21);
            g22 = v.fma(d2, g22);
            g23 = v.fma(d3, g23);
            v = DoubleVector.broadcast(SPECIES, a[xs + 3]);
            g30 = v.fma(d0, g30);
            g31 = v.fma(d1, g31);
            g32 = v.fma(d2, g32);
            g33 = v.fma(d3, g33);
        }
        g00.intoArray(sums, n);
        g01.intoArray(sums, n + LANES);
        g02.intoArray(sums, n + 2 * LANES);
        g03.intoArray(sums, n + 3 * LANES);
        g10.intoArray(sums, width + n);
        g11.intoArray(sums, width + n + LANES);
        g12.intoArray(sums, width + n + 2 * LANES);
        g13.intoArray(sums, width + n + 3 * LANES);
        g20.intoArray(sums, 2 * width + n);
        g21.intoArray(sums, 2 * width + n + LANES);
        g22.intoArray(sums, 2 * width + n + 2 * LANES);
        g23.intoArray(sums, 2 * width + n + 3 * LANES);
        g30.intoArray(sums, 3 * width + n);
        g31.intoArray(sums, 3 * width + n + LANES);
        g32.intoArray(sums, 3 * width + n + 2 * LANES);
        g33.intoArray(sums, 3 * width + n + 3 * LANES);
    }

    /** g[r][0 .. L) for rows r = 0..3 over all samples: four independent chains. */
    private static void gradient4x1(
            double[] a, int x, double[] d, int dFrom, int stride, int samples, double[] sums, int n, int width) {
        DoubleVector g0 = DoubleVector.zero(SPECIES);
        DoubleVector g1 = g0;
        DoubleVector g2 = g0;
        DoubleVector g3 = g0;
        for (int s = 0; s < samples; s++) {
            int xs = x + s * stride;
            DoubleVector d0 = DoubleVector.fromArray(SPECIES, d, dFrom + s * stride);
            g0 = DoubleVector.broadcast(SPECIES, a[xs]).fma(d0, g0);
            g1 = DoubleVector.broadcast(SPECIES, a[xs + 1]).fma(d0, g1);
            g2 = DoubleVector.broadcast(SPECIES, a[xs + 2]).fma(d0, g2);
            g3 = DoubleVector.broadcast(SPECIES, a[xs + 3]).fma(d0, g3);
        }
        g0.intoArray(sums, n);
        g1.intoArray(sums, width + n);
        g2.intoArray(sums, 2 * width + n);
        g3.intoArray(sums, 3 * width + n);
    }

    /** g[r][0 .. 2L) for rows r = 0..3 (inputs x .. x+3 of each sample) over all samples. */
    private static void gradient4x2(
            double[] a, int x, double[] d, int dFrom, int stride, int samples, double[] sums, int n, int width) {
        DoubleVector g00 = DoubleVector.zero(SPECIES);
        DoubleVector g01 = g00;
        DoubleVector g10 = g00;
        DoubleVector g11 = g00;
        DoubleVector g20 = g00;
        DoubleVector g21 = g00;
        DoubleVector g30 = g00;
        DoubleVector g31 = g00;
        for (int s = 0; s < samples; s++) {
            int xs = x + s * stride;
            int ds = dFrom + s * stride;
            DoubleVector d0 = DoubleVector.fromArray(SPECIES, d, ds);
            DoubleVector d1 = DoubleVector.fromArray(SPECIES, d, ds + LANES);
            DoubleVector v = DoubleVector.broadcast(SPECIES, a[xs]);
            g00 = v.fma(d0, g00);
            g01 = v.fma(d1, g01);
            v = DoubleVector.broadcast(SPECIES, a[xs + 1]);
            g10 = v.fma(d0, g10);
            g11 = v.fma(d1, g11);
            v = DoubleVector.broadcast(SPECIES, a[xs + 2]);
            g20 = v.fma(d0, g20);
            g21 = v.fma(d1, g21);
            v = DoubleVector.broadcast(SPECIES, a[xs + 3]);
            g30 = v.fma(d0, g30);
            g31 = v.fma(d1, g31);
        }
        g00.intoArray(sums, n);
        g01.intoArray(sums, n + LANES);
        g10.intoArray(sums, width + n);
        g11.intoArray(sums, width + n + LANES);
        g20.intoArray(sums, 2 * width + n);
        g21.intoArray(sums, 2 * width + n + LANES);
        g30.intoArray(sums, 3 * width + n);
        g31.intoArray(sums, 3 * width + n + LANES);
    }

    /** One row {@code k} (the bias row when {@code k == inputCount}) into {@code sums[to ..]}. */
    private static void gradientRow(
            DenseLayer layer, double[] a, int inputs, double[] d, int outputs, int stride, int samples, int k,
            double[] sums, int to) {
        boolean isBias = k >= layer.inputCount();
        int width = layer.width();
        int n = 0;
        for (; n + LANES <= width; n += LANES) {
            DoubleVector g = DoubleVector.zero(SPECIES);
            for (int s = 0; s < samples; s++) {
                double x = isBias ? 1.0 : a[inputs + s * stride + k];
                DoubleVector delta = DoubleVector.fromArray(SPECIES, d, outputs + s * stride + n);
                g = DoubleVector.broadcast(SPECIES, x).fma(delta, g);
            }
            g.intoArray(sums, to + n);
        }
        for (; n < width; n++) {
            double g = 0.0;
            for (int s = 0; s < samples; s++) {
                double x = isBias ? 1.0 : a[inputs + s * stride + k];
                g = Math.fma(x, d[outputs + s * stride + n], g);
            }
            sums[to + n] = g;
        }
    }

    @Override
    public void descendSample(
            DenseLayer layer, double[] parameters, double[] activations, int inputs, double[] deltas, int outputs,
            double learningRate, boolean updateBiases) {
        int width = layer.width();
        if (width < LANES) {
            ScalarKernels.descendNarrow(layer, parameters, activations, inputs, deltas, outputs, learningRate,
                    updateBiases);
            return;
        }
        DoubleVector eta = DoubleVector.broadcast(SPECIES, learningRate);
        int n = 0;
        for (; n + 4 * LANES <= width; n += 4 * LANES) {
            descend4(layer, parameters, activations, inputs, deltas, outputs + n, n, eta);
        }
        for (; n + LANES <= width; n += LANES) {
            DoubleVector step = DoubleVector.fromArray(SPECIES, deltas, outputs + n).mul(eta);
            for (int k = 0; k < layer.inputCount(); k++) {
                int row = layer.rowOffset(k) + n;
                DoubleVector x = DoubleVector.broadcast(SPECIES, activations[inputs + k]);
                DoubleVector.fromArray(SPECIES, parameters, row).sub(step.mul(x)).intoArray(parameters, row);
            }
        }
        for (; n < width; n++) {
            double step = learningRate * deltas[outputs + n];
            for (int k = 0; k < layer.inputCount(); k++) {
                parameters[layer.rowOffset(k) + n] -= step * activations[inputs + k];
            }
        }
        if (updateBiases) {
            int b = layer.biasOffset();
            for (int j = 0; j < width; j++) {
                parameters[b + j] -= learningRate * deltas[outputs + j];
            }
        }
    }

    /**
     * Steps columns {@code n .. n + 4L)} of every row, the four vectors of {@code eta * delta}
     * kept in registers: one multiply and one subtract per weight.
     */
    private static void descend4(
            DenseLayer layer, double[] p, double[] a, int inputs, double[] d, int dFrom, int n, DoubleVector eta) {
        DoubleVector step0 = DoubleVector.fromArray(SPECIES, d, dFrom).mul(eta);
        DoubleVector step1 = DoubleVector.fromArray(SPECIES, d, dFrom + LANES).mul(eta);
        DoubleVector step2 = DoubleVector.fromArray(SPECIES, d, dFrom + 2 * LANES).mul(eta);
        DoubleVector step3 = DoubleVector.fromArray(SPECIES, d, dFrom + 3 * LANES).mul(eta);
        for (int k = 0; k < layer.inputCount(); k++) {
            int row = layer.rowOffset(k) + n;
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[inputs + k]);
            DoubleVector.fromArray(SPECIES, p, row).sub(step0.mul(x)).intoArray(p, row);
            DoubleVector.fromArray(SPECIES, p, row + LANES).sub(step1.mul(x)).intoArray(p, row + LANES);
            DoubleVector.fromArray(SPECIES, p, row + 2 * LANES).sub(step2.mul(x)).intoArray(p, row + 2 * LANES);
            DoubleVector.fromArray(SPECIES, p, row + 3 * LANES).sub(step3.mul(x)).intoArray(p, row + 3 * LANES);
        }
    }

    @Override
    public boolean readsTransposedWeights(DenseLayer layer) {
        return layer.inputCount() >= LANES;
    }

    @Override
    public void backpropagateDeltasTransposed(
            DenseLayer layer, double[] transposed, double[] activations, int inputs, double[] deltas, int outputs,
            Activation below) {
        int inputCount = layer.inputCount();
        int k = 0;
        for (; k + 4 * LANES <= inputCount; k += 4 * LANES) {
            transposedSums4(layer, transposed, deltas, outputs, inputs + k, k);
        }
        for (; k + LANES <= inputCount; k += LANES) {
            DoubleVector sum = DoubleVector.zero(SPECIES);
            for (int n = 0; n < layer.width(); n++) {
                DoubleVector d = DoubleVector.broadcast(SPECIES, deltas[outputs + n]);
                sum = DoubleVector.fromArray(SPECIES, transposed, n * inputCount + k).fma(d, sum);
            }
            sum.intoArray(deltas, inputs + k);
        }
        for (; k < inputCount; k++) {
            double sum = 0.0;
            for (int n = 0; n < layer.width(); n++) {
                sum = Math.fma(transposed[n * inputCount + k], deltas[outputs + n], sum);
            }
            deltas[inputs + k] = sum;
        }
        below.scaleByDerivative(activations, inputs, deltas, inputs, inputCount);
    }

    /** The sums of inputs {@code k .. k + 4L)}: four vectors of chains side by side. */
    private static void transposedSums4(DenseLayer layer, double[] t, double[] d, int outputs, int into, int k) {
        int inputCount = layer.inputCount();
        DoubleVector sum0 = DoubleVector.zero(SPECIES);
        DoubleVector sum1 = DoubleVector.zero(SPECIES);
        DoubleVector sum2 = DoubleVector.zero(SPECIES);
        DoubleVector sum3 = DoubleVector.zero(SPECIES);
        for (int n = 0; n < layer.width(); n++) {
            DoubleVector delta = DoubleVector.broadcast(SPECIES, d[outputs + n]);
            int row = n * inputCount + k;
            sum0 = DoubleVector.fromArray(SPECIES, t, row).fma(delta, sum0);
            sum1 = DoubleVector.fromArray(SPECIES, t, row + LANES).fma(delta, sum1);
            sum2 = DoubleVector.fromArray(SPECIES, t, row + 2 * LANES).fma(delta, sum2);
            sum3 = DoubleVector.fromArray(SPECIES, t, row + 3 * LANES).fma(delta, sum3);
        }
        sum0.intoArray(d, into);
        sum1.intoArray(d, into + LANES);
        sum2.intoArray(d, into + 2 * LANES);
        sum3.intoArray(d, into + 3 * LANES);
    }

    @Override
    public void descendTransposed(
            DenseLayer layer, double[] transposed, double[] activations, int inputs, double[] deltas, int outputs,
            double learningRate) {
        int inputCount = layer.inputCount();
        for (int n = 0; n < layer.width(); n++) {
            double step = learningRate * deltas[outputs + n];
            DoubleVector stepVector = DoubleVector.broadcast(SPECIES, step);
            int row = n * inputCount;
            int k = 0;
            for (; k + LANES <= inputCount; k += LANES) {
                DoubleVector x = DoubleVector.fromArray(SPECIES, activations, inputs + k);
                DoubleVector.fromArray(SPECIES, transposed, row + k).sub(stepVector.mul(x))
                        .intoArray(transposed, row + k);
            }
            for (; k < inputCount; k++) {
                transposed[row + k] -= step * activations[inputs + k];
            }
        }
    }

    @Override
    public void activate(Activation activation, double[] values, int from, int count) {
        if (activation != Activation.SIGMOID) {
            activation.apply(values, from, count);
            return;
        }
        int end = from + count;
        int i = from;
        for (; i + LANES <= end; i += LANES) {
            sigmoid(DoubleVector.fromArray(SPECIES, values, i)).intoArray(values, i);
        }
        activation.apply(values, i, end - i);
    }

    /** {@link Exponential#sigmoid} lane by lane: the same operations in the same order. */
    private static DoubleVector sigmoid(DoubleVector net) {
        DoubleVector x = net.neg().max(Exponential.LOWEST).min(Exponential.HIGHEST);

        DoubleVector t = x.fma(Exponential.INV_LN2, Exponential.SHIFTER);
        DoubleVector k = t.sub(Exponential.SHIFTER);
        DoubleVector r = k.fma(MINUS_LN2_LO, k.fma(MINUS_LN2_HI, x));

        DoubleVector r2 = r.mul(r);
        DoubleVector r4 = r2.mul(r2);
        DoubleVector r8 = r4.mul(r4);
        DoubleVector low = r.fma(Exponential.C5, Exponential.C4).fma(r2, r.fma(Exponential.C3, Exponential.C2));
        DoubleVector middle = r.fma(Exponential.C9, Exponential.C8).fma(r2, r.fma(Exponential.C7, Exponential.C6));
        DoubleVector high = r.fma(Exponential.C13, Exponential.C12).fma(r2, r.fma(Exponential.C11, Exponential.C10));
        DoubleVector q = high.fma(r8, middle.fma(r4, low));
        DoubleVector s = q.mul(r).fma(r, r);

        DoubleVector scale = t.reinterpretAsLongs()
                .sub(Exponential.SHIFTER_BITS_LESS_BIAS)
                .lanewise(VectorOperators.LSHL, 52)
                .reinterpretAsDoubles();
        DoubleVector exp = s.add(1.0).mul(scale);
        return DoubleVector.broadcast(SPECIES, 1.0).div(exp.add(1.0));
    }
}
