package dev.backprop.network;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dense-layer loops that training and prediction spend their time in: the forward product,
 * the weight-gradient sums and the per-sample update, in two interchangeable implementations.
 *
 * <p>{@link #simd()} holds blocks of results in vector registers with {@code jdk.incubator.vector}
 * (one fused multiply-add per step, loading each operand once per block); {@link #scalar()} is
 * plain Java with {@link Math#fma}. Both compute every element by the same chain of fused
 * multiply-adds in the same order, documented on each method, so <em>they give bitwise the same
 * results</em>, and the order never depends on how samples or rows are grouped into blocks or
 * shared among threads. A fused multiply-add rounds once where {@code a * b + c} rounds twice, so
 * results differ from a textbook loop in the last bits only.
 *
 * <p>Activations and deltas of several samples live in one array, sample {@code s} at
 * {@code s * stride} from the given offsets. Implementations are stateless and thread-safe; calls
 * on disjoint output ranges may run at once. None allocates.
 */
public abstract class LayerKernels {

    private static final Logger LOG = LoggerFactory.getLogger(LayerKernels.class);

    /** System property that turns the vector kernels off when set to {@code false}. */
    public static final String VECTOR_PROPERTY = "backprop.vector";

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final LayerKernels SCALAR = new ScalarKernels();
    private static final Optional<LayerKernels> SIMD = loadSimd();
    private static final LayerKernels SELECTED = select();

    LayerKernels() {}

    /** The plain-Java kernels, available on every JVM. */
    public static LayerKernels scalar() {
        return SCALAR;
    }

    /** The vector kernels, present when the JVM was started with {@code --add-modules jdk.incubator.vector}. */
    public static Optional<LayerKernels> simd() {
        return SIMD;
    }

    /**
     * The kernels used by default: {@link #simd()} when it is present and the system property
     * {@value #VECTOR_PROPERTY} is not {@code false}, else {@link #scalar()}.
     */
    public static LayerKernels selected() {
        return SELECTED;
    }

    /** Short name for logs: {@code simd-512} (the vector bits) or {@code scalar-fma}. */
    public abstract String name();

    /**
     * Runs {@code count} samples through {@code layer}:
     * {@code z[s][n] = fma(x[s][K-1], W[K-1][n], ... fma(x[s][0], W[0][n], b[n]))}, the chain
     * taken in input order {@code k = 0 .. K-1}, where {@code x[s][k] = activations[inputs + s *
     * stride + k]} and {@code z[s][n]} is written to {@code activations[outputs + s * stride + n]}.
     * Each sample's result does not depend on the others in the block.
     * The activation function is not applied.
     *
     * @param panel the layer's weights as {@link WeightPanels}, current with {@code parameters},
     *     or {@code null}; implementations that {@linkplain #readsWeightPanels read them} take
     *     the weights of whole panels from there, with the same results
     */
    public abstract void forwardBlock(
            DenseLayer layer, double[] parameters, WeightPanels.Panel panel, double[] activations, int inputs,
            int outputs, int stride, int count);

    /**
     * Whether {@link #forwardBlock} reads the {@link WeightPanels} it is given, so that keeping
     * them current pays off; {@code false} unless an implementation says otherwise.
     */
    public boolean readsWeightPanels() {
        return false;
    }

    /**
     * Runs one sample through {@code layer}: bitwise the same as {@link #forwardBlock} with
     * {@code count = 1}, blocked for a single sample. Zero inputs are not skipped: on image data
     * the unpredictable branch costs more than the multiply-adds it saves.
     */
    public abstract void forwardSample(
            DenseLayer layer, double[] parameters, double[] activations, int inputs, int outputs);

    /**
     * Runs one sample through {@code layer} and applies {@code activation} to its neurons: bitwise
     * {@link #forwardSample} followed by {@link #activate}, which is what this implementation does.
     * {@link #simd()} applies the sigmoid of a narrow layer while the net inputs are still in
     * registers, which saves a store and a reload on the sample's critical path.
     */
    public void forwardSampleActivated(
            DenseLayer layer, double[] parameters, double[] activations, int inputs, int outputs,
            Activation activation) {
        forwardSample(layer, parameters, activations, inputs, outputs);
        activate(activation, activations, outputs, layer.width());
    }

    /**
     * Sums the gradient of weight rows {@code firstRow .. firstRow + rowCount)} of {@code layer}
     * over samples {@code 0 .. samples)}:
     * {@code g[r][n] = fma(x[S-1][k], d[S-1][n], ... fma(x[0][k], d[0][n], 0.0))} in sample order,
     * with {@code k = firstRow + r}, {@code x[s][k] = activations[inputs + s * stride + k]} and
     * {@code d[s][n] = deltas[outputs + s * stride + n]}; row {@code k = inputCount} is the bias
     * row, whose input is 1. Writes {@code g[r][n]} to {@code sums[r * width + n]}.
     *
     * @param rowCount 1 to 8 rows
     * @param panels the layer's inputs and deltas as {@link SamplePanels}, stored for all
     *     {@code samples}, or {@code null}; implementations that {@linkplain #readsSamplePanels
     *     read them} take whole blocks from there, with the same results
     */
    public abstract void gradientRows(
            DenseLayer layer, double[] activations, int inputs, double[] deltas, int outputs, int stride,
            int samples, int firstRow, int rowCount, double[] sums, SamplePanels.Layer panels);

    /**
     * Whether {@link #gradientRows} reads the {@link SamplePanels} it is given, so that storing
     * them pays off; {@code false} unless an implementation says otherwise.
     */
    public boolean readsSamplePanels() {
        return false;
    }


    /**
     * One per-sample gradient-descent step of {@code layer}:
     * {@code W[k][n] = W[k][n] - (eta * d[n]) * x[k]} for every input {@code k}, and when
     * {@code updateBiases} also {@code b[n] = b[n] - eta * d[n]}, each operation rounded on its
     * own (no fused multiply-add). Taking {@code eta * d[n]} once per neuron leaves one multiply
     * and one subtract per weight. When {@code eta} is a power of two (the worked example's 0.5)
     * this is bitwise the step the SGD optimizer takes from the gradient {@code d[n] * x[k]},
     * {@code W - eta * (d * x)}; otherwise the two differ by at most a rounding of the step.
     */
    public abstract void descendSample(
            DenseLayer layer, double[] parameters, double[] activations, int inputs, double[] deltas, int outputs,
            double learningRate, boolean updateBiases);

    /**
     * Replaces the net inputs {@code values[from .. from+count)} of one sample's layer by the
     * neurons' outputs: bitwise the same as {@link Activation#apply}, which is what this
     * implementation does; {@link #simd()} computes the sigmoid a vector of neurons at a time.
     */
    public void activate(Activation activation, double[] values, int from, int count) {
        activation.apply(values, from, count);
    }

    /**
     * The deltas of the layer below {@code layer} for one sample, by the chain rule:
     * {@code delta[k] = (sum_n W[k][n] d[n]) * f'(x[k])}, the sum taken as the chain
     * {@code fma(W[k][N-1], d[N-1], ... fma(W[k][0], d[0], 0.0))} and {@code f'} from
     * {@code below}'s outputs {@code x = activations[inputs ..]}. Written to
     * {@code deltas[inputs + k]}. Shared by both implementations, hence the same bits.
     */
    public final void backpropagateDeltas(
            DenseLayer layer, double[] parameters, double[] activations, int inputs, double[] deltas, int outputs,
            Activation below) {
        int width = layer.width();
        int k = 0;
        // eight rows side by side: eight independent chains hide the FMA latency on both units
        for (; k + 7 < layer.inputCount(); k += 8) {
            eightRowSums(parameters, layer.rowOffset(k), width, deltas, outputs, deltas, inputs + k);
        }
        for (; k + 3 < layer.inputCount(); k += 4) {
            int row = layer.rowOffset(k);
            double sum0 = 0.0;
            double sum1 = 0.0;
            double sum2 = 0.0;
            double sum3 = 0.0;
            for (int n = 0; n < width; n++) {
                double d = deltas[outputs + n];
                sum0 = Math.fma(parameters[row + n], d, sum0);
                sum1 = Math.fma(parameters[row + width + n], d, sum1);
                sum2 = Math.fma(parameters[row + 2 * width + n], d, sum2);
                sum3 = Math.fma(parameters[row + 3 * width + n], d, sum3);
            }
            deltas[inputs + k] = sum0;
            deltas[inputs + k + 1] = sum1;
            deltas[inputs + k + 2] = sum2;
            deltas[inputs + k + 3] = sum3;
        }
        for (; k < layer.inputCount(); k++) {
            int row = layer.rowOffset(k);
            double sum = 0.0;
            for (int n = 0; n < width; n++) {
                sum = Math.fma(parameters[row + n], deltas[outputs + n], sum);
            }
            deltas[inputs + k] = sum;
        }
        below.scaleByDerivative(activations, inputs, deltas, inputs, layer.inputCount());
    }

    /**
     * Whether {@link #backpropagateDeltasTransposed} pays off for {@code layer}, so that a
     * per-sample trainer should keep a transposed copy of its weights; {@code false} unless an
     * implementation says otherwise.
     */
    public boolean readsTransposedWeights(DenseLayer layer) {
        return false;
    }

    /**
     * {@link #backpropagateDeltas} from a transposed copy of the layer's weights,
     * {@code transposed[n * inputCount + k] = W[k][n]}: the same chains, so the same bits, but the
     * inputs {@code k} lie side by side, which lets {@link #simd()} run the chains of a vector of
     * inputs at once instead of one scalar chain per input.
     */
    public void backpropagateDeltasTransposed(
            DenseLayer layer, double[] transposed, double[] activations, int inputs, double[] deltas, int outputs,
            Activation below) {
        int inputCount = layer.inputCount();
        for (int k = 0; k < inputCount; k++) {
            double sum = 0.0;
            for (int n = 0; n < layer.width(); n++) {
                sum = Math.fma(transposed[n * inputCount + k], deltas[outputs + n], sum);
            }
            deltas[inputs + k] = sum;
        }
        below.scaleByDerivative(activations, inputs, deltas, inputs, inputCount);
    }

    /**
     * The weight part of {@link #descendSample} applied to a transposed copy of the layer's weights
     * ({@code transposed[n * inputCount + k] = W[k][n]}), with the same operations, so that the
     * copy stays bitwise equal to the weights it was made from.
     */
    public void descendTransposed(
            DenseLayer layer, double[] transposed, double[] activations, int inputs, double[] deltas, int outputs,
            double learningRate) {
        int inputCount = layer.inputCount();
        for (int n = 0; n < layer.width(); n++) {
            double step = learningRate * deltas[outputs + n];
            int row = n * inputCount;
            for (int k = 0; k < inputCount; k++) {
                transposed[row + k] -= step * activations[inputs + k];
            }
        }
    }

    /**
     * {@code into[to + r] = sum_n W[r][n] d[n]} for the eight weight rows from {@code row}, each
     * the chain {@code fma(W[r][N-1], d[N-1], ... fma(W[r][0], d[0], 0.0))}.
     */
    private static void eightRowSums(
            double[] parameters, int row, int width, double[] deltas, int outputs, double[] into, int to) {
        double sum0 = 0.0;
        double sum1 = 0.0;
        double sum2 = 0.0;
        double sum3 = 0.0;
        double sum4 = 0.0;
        double sum5 = 0.0;
        double sum6 = 0.0;
        double sum7 = 0.0;
        for (int n = 0; n < width; n++) {
            double d = deltas[outputs + n];
            sum0 = Math.fma(parameters[row + n], d, sum0);
            sum1 = Math.fma(parameters[row + width + n], d, sum1);
            sum2 = Math.fma(parameters[row + 2 * width + n], d, sum2);
            sum3 = Math.fma(parameters[row + 3 * width + n], d, sum3);
            sum4 = Math.fma(parameters[row + 4 * width + n], d, sum4);
            sum5 = Math.fma(parameters[row + 5 * width + n], d, sum5);
            sum6 = Math.fma(parameters[row + 6 * width + n], d, sum6);
            sum7 = Math.fma(parameters[row + 7 * width + n], d, sum7);
        }
        into[to] = sum0;
        into[to + 1] = sum1;
        into[to + 2] = sum2;
        into[to + 3] = sum3;
        into[to + 4] = sum4;
        into[to + 5] = sum5;
        into[to + 6] = sum6;
        into[to + 7] = sum7;
    }

    private static Optional<LayerKernels> loadSimd() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return Optional.empty();
        }
        try {
            // Loaded by name so that a JVM without the module never links the class.
            Class<?> simd = Class.forName(LayerKernels.class.getPackageName() + ".SimdKernels");
            return Optional.of((LayerKernels) simd.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.debug("vector kernels unavailable, using the scalar ones", e);
            return Optional.empty();
        }
    }

    private static LayerKernels select() {
        boolean allowed = !"false".equalsIgnoreCase(System.getProperty(VECTOR_PROPERTY, "true").trim());
        LayerKernels kernels = allowed ? SIMD.orElse(SCALAR) : SCALAR;
        LOG.debug("dense-layer kernels: {}{}", kernels.name(), whyScalar(allowed));
        return kernels;
    }

    private static String whyScalar(boolean allowed) {
        if (!allowed) {
            return " (" + VECTOR_PROPERTY + "=false)";
        }
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return " (the JVM was started without --add-modules " + VECTOR_MODULE + ")";
        }
        return SIMD.isPresent() ? "" : " (the vector kernels failed to load; --verbose shows why)";
    }
}
