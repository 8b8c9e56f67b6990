package dev.backprop.training;

import dev.backprop.network.Activation;
import dev.backprop.network.Architecture;
import dev.backprop.network.DenseLayer;
import dev.backprop.network.ForwardPass;
import dev.backprop.network.LayerKernels;
import dev.backprop.network.Loss;
import dev.backprop.network.SamplePanels;
import dev.backprop.network.SampleStep;
import dev.backprop.network.WeightPanels;

/**
 * The backward pass: output deltas from the loss, hidden deltas by the chain rule, and each
 * weight's gradient {@code dE/dw_ij = delta_j * out_i}.
 *
 * <p>Following M. Mazur, "A Step by Step Backpropagation Example" (2015): the output delta is
 * {@code delta_o = dE/dout_o * dout_o/dnet_o}; a hidden neuron's delta is
 * {@code delta_h = (sum_o w_ho delta_o) * dout_h/dnet_h}, computed with the weights as they were in
 * the forward pass; and gradient descent moves each weight by {@code -eta * delta_j * out_i}.
 *
 * <p>A {@code Backpropagation} owns the activation and delta buffers of up to {@code capacity}
 * samples ("slots"), allocated once, so nothing here allocates. It is mutable. Per-sample
 * training and evaluation use slot 0 and belong to one thread; {@link #forwardBackwardChunk} calls
 * on disjoint slot ranges may run on several threads at once, and {@link #rowGradients} calls
 * after them (once the threads have synchronized) only read the buffers.
 */
final class Backpropagation {

    private final ForwardPass forwardPass;
    private final LayerKernels kernels;
    private final Loss loss;
    private final Activation outputActivation;
    private final int capacity;
    private final int stride;
    private final double[] activations;
    private final double[] deltas;
    private final double[][] transposed;
    private double[] transposedFor;
    private final SampleStep sampleStep;
    private double[] sampleStepFor;
    private SamplePanels samplePanels;

    Backpropagation(Architecture architecture, Loss loss, int capacity) {
        this(architecture, loss, capacity, LayerKernels.selected());
    }

    Backpropagation(Architecture architecture, Loss loss, int capacity, LayerKernels kernels) {
        this(architecture, loss, capacity, kernels, 0);
    }

    /** A workspace for parameters that start at {@code parameterOffset} of the arrays passed in. */
    Backpropagation(Architecture architecture, Loss loss, int capacity, LayerKernels kernels, int parameterOffset) {
        this.forwardPass = new ForwardPass(architecture, kernels, parameterOffset);
        this.kernels = kernels;
        this.loss = loss;
        this.outputActivation = architecture.outputActivation();
        this.capacity = capacity;
        this.stride = forwardPass.neuronCount();
        this.activations = new double[capacity * stride];
        this.deltas = new double[capacity * stride];
        this.transposed = new double[forwardPass.depth() + 1][];
        this.sampleStep = SampleStep.specialisedFor(forwardPass, loss);
    }

    /**
     * Weight panels for this workspace's architecture, empty, when its kernels read them; else
     * {@code null}.
     */
    WeightPanels newWeightPanels() {
        return kernels.readsWeightPanels() ? new WeightPanels(forwardPass) : null;
    }

    /**
     * Makes {@link #forwardBackwardChunk} also store each sample's layer inputs and deltas as
     * {@link SamplePanels}, for {@link #rowGradients}, when the kernels read them. For mini-batch
     * training; the other callers need not pay for the copies.
     */
    void storeSamplePanels() {
        if (samplePanels == null && kernels.readsSamplePanels()) {
            samplePanels = new SamplePanels(forwardPass, capacity);
        }
    }

    /**
     * Tells the sample panels, if stored, that the coming chunks' samples are rows of
     * {@code examples}, whose features the gradient kernels then read in place. Call before the
     * chunks run, on one thread.
     */
    void readInputsFrom(Examples examples) {
        if (samplePanels != null) {
            samplePanels.readInputsFrom(examples.features());
        }
    }

    /** Largest number of samples {@link #accumulateChunk} takes at once. */
    int capacity() {
        return capacity;
    }

    /**
     * Prepares a run of {@link #trainSample} calls on {@code parameters}: hands them to the
     * {@link SampleStep} specialised for this network, if there is one, or else makes transposed
     * copies of the weight layers whose hidden deltas the kernels compute faster from them (see
     * {@link LayerKernels#readsTransposedWeights}). The calls that follow keep the copies in step
     * with the weights, so until {@link #endSamples} nothing else may change {@code parameters}.
     * Without this call {@link #trainSample} computes the same results with the general step
     * from the weights alone.
     */
    void beginSamples(double[] parameters) {
        if (sampleStep != null) {
            sampleStepFor = parameters;
            return;
        }
        for (int layer = 2; layer <= forwardPass.depth(); layer++) {
            DenseLayer dense = forwardPass.layer(layer);
            if (kernels.readsTransposedWeights(dense)) {
                if (transposed[layer] == null) {
                    transposed[layer] = new double[dense.inputCount() * dense.width()];
                }
                transpose(parameters, dense, transposed[layer]);
            }
        }
        transposedFor = parameters;
    }

    /** Ends the run begun by {@link #beginSamples}: later calls use the general step and the weights alone. */
    void endSamples() {
        sampleStepFor = null;
        transposedFor = null;
    }

    private static void transpose(double[] parameters, DenseLayer layer, double[] into) {
        for (int k = 0; k < layer.inputCount(); k++) {
            int row = layer.rowOffset(k);
            for (int n = 0; n < layer.width(); n++) {
                into[n * layer.inputCount() + k] = parameters[row + n];
            }
        }
    }

    /**
     * Trains on one sample by plain stochastic gradient descent, updating {@code parameters} in
     * place, and returns the sample's error as computed in the forward pass before the update.
     *
     * <p>The update is fused into the backward pass: each layer's weights are changed right after
     * the deltas of the layer below have been computed from them, which is the same as computing
     * all gradients first, as the worked example does.
     */
    double trainSample(
            double[] parameters, Examples examples, int row, double learningRate, boolean updateBiases) {
        if (parameters == sampleStepFor) {
            return sampleStep.train(parameters, examples.features(), row * examples.featureCount(),
                    examples.targets(), row * examples.targetCount(), learningRate, updateBiases);
        }
        double error = forwardAndOutputDeltas(parameters, examples, row, 0);
        boolean hasTransposed = parameters == transposedFor;
        for (int layer = forwardPass.depth(); layer >= 1; layer--) {
            int inputs = forwardPass.neuronOffset(layer - 1);
            int outputs = forwardPass.neuronOffset(layer);
            DenseLayer dense = forwardPass.layer(layer);
            double[] copy = hasTransposed ? transposed[layer] : null;
            if (layer > 1) {
                // the deltas below come from this layer's weights as they were in the forward pass
                backpropagateDeltas(parameters, copy, layer, inputs, outputs);
            }
            kernels.descendSample(dense, parameters, activations, inputs, deltas, outputs, learningRate,
                    updateBiases);
            if (copy != null) {
                kernels.descendTransposed(dense, copy, activations, inputs, deltas, outputs, learningRate);
            }
        }
        return error;
    }

    private void backpropagateDeltas(double[] parameters, double[] copy, int layer, int inputs, int outputs) {
        DenseLayer dense = forwardPass.layer(layer);
        Activation below = forwardPass.activation(layer - 1);
        if (copy != null) {
            kernels.backpropagateDeltasTransposed(dense, copy, activations, inputs, deltas, outputs, below);
        } else {
            kernels.backpropagateDeltas(dense, parameters, activations, inputs, deltas, outputs, below);
        }
    }

    /**
     * Runs samples {@code order[from .. from+count)} (rows of {@code examples}) forward and back
     * in slots {@code firstSlot .. firstSlot+count)}, leaving each layer's outputs and deltas
     * there, and returns the sum of their errors in sample order. {@code parameters} is only read.
     */
    double forwardBackwardChunk(
            double[] parameters, Examples examples, int[] order, int from, int count, int firstSlot) {
        return forwardBackwardChunk(parameters, null, examples, order, from, count, firstSlot);
    }

    /**
     * {@link #forwardBackwardChunk(double[], Examples, int[], int, int, int)} with the forward
     * products reading whole weight panels from {@code panels} (current with {@code parameters},
     * or {@code null}): the same results.
     */
    double forwardBackwardChunk(
            double[] parameters, WeightPanels panels, Examples examples, int[] order, int from, int count,
            int firstSlot) {
        for (int s = 0; s < count; s++) {
            copyInput(examples, order[from + s], (firstSlot + s) * stride);
        }
        forwardPass.forwardChunk(parameters, panels, activations, firstSlot, count);

        double error = 0.0;
        for (int s = 0; s < count; s++) {
            error += outputDeltas(examples, order[from + s], (firstSlot + s) * stride);
        }
        for (int layer = forwardPass.depth(); layer > 1; layer--) {
            for (int s = 0; s < count; s++) {
                hiddenDeltas(parameters, layer, (firstSlot + s) * stride);
            }
        }
        if (samplePanels != null) {
            for (int s = 0; s < count; s++) {
                samplePanels.setRowStart(firstSlot + s, order[from + s] * examples.featureCount());
                storeInPanels(firstSlot + s);
            }
        }
        return error;
    }

    /** Copies slot {@code slot}'s layer inputs and deltas into the sample panels, layer by layer. */
    private void storeInPanels(int slot) {
        int base = slot * stride;
        for (int layer = 1; layer <= forwardPass.depth(); layer++) {
            samplePanels.store(layer, activations, base + forwardPass.neuronOffset(layer - 1), deltas,
                    base + forwardPass.neuronOffset(layer), slot);
        }
    }

    /**
     * Sets {@code sums[r * width + j]} to {@code sum_s in_s,i * delta_s,j} over slots
     * {@code 0 .. samples)} in slot order, for the rows {@code i = firstRow + r},
     * {@code r < rowCount <= 8}, of weight layer {@code layer} of {@code width} neurons: the summed
     * gradient of those weight rows. Row {@code i = inputCount} is the bias row, whose input is 1.
     *
     * <p>Each element is summed in slot order whatever rows it is grouped with (see
     * {@link LayerKernels#gradientRows}), so the result does not depend on how the rows are
     * divided among threads.
     */
    void rowGradients(int layer, int firstRow, int rowCount, int samples, double[] sums) {
        kernels.gradientRows(forwardPass.layer(layer), activations, forwardPass.neuronOffset(layer - 1), deltas,
                forwardPass.neuronOffset(layer), stride, samples, firstRow, rowCount, sums,
                samplePanels == null ? null : samplePanels.layer(layer));
    }

    /**
     * Adds the gradients of samples {@code order[from .. from+count)} to {@code gradient} one
     * sample after the other, each element in sample order, and returns the sum of their errors.
     * The straightforward form of {@link #forwardBackwardChunk} plus {@link #rowGradients}, kept
     * as their reference in tests.
     */
    double accumulateChunk(
            double[] parameters, Examples examples, int[] order, int from, int count, double[] gradient) {
        double error = forwardBackwardChunk(parameters, examples, order, from, count, 0);
        for (int s = 0; s < count; s++) {
            for (int layer = 1; layer <= forwardPass.depth(); layer++) {
                addSampleGradient(layer, s * stride, gradient);
            }
        }
        return error;
    }

    /** {@code gradient += out_i * delta_j} of one slot, in the plainest form: the tests' reference. */
    private void addSampleGradient(int layer, int base, double[] gradient) {
        int inputs = base + forwardPass.neuronOffset(layer - 1);
        int outputs = base + forwardPass.neuronOffset(layer);
        DenseLayer dense = forwardPass.layer(layer);
        for (int i = 0; i <= dense.inputCount(); i++) {
            double in = i < dense.inputCount() ? activations[inputs + i] : 1.0;
            int row = dense.rowOffset(i);
            for (int j = 0; j < dense.width(); j++) {
                gradient[row + j] += in * deltas[outputs + j];
            }
        }
    }

    /**
     * Runs one sample forward and returns its error, leaving the activations in this workspace
     * (slot 0) for inspection.
     */
    double evaluateSample(double[] parameters, Examples examples, int row) {
        copyInput(examples, row, 0);
        forwardPass.forward(parameters, activations, 0);
        return loss.error(outputActivation, activations, forwardPass.outputOffset(), examples.targets(),
                row * examples.targetCount(), forwardPass.outputSize());
    }

    /** Index of the largest output of the sample last run by {@link #evaluateSample}. */
    int predictedClass() {
        int outputs = forwardPass.outputOffset();
        int best = 0;
        for (int k = 1; k < forwardPass.outputSize(); k++) {
            if (activations[outputs + k] > activations[outputs + best]) {
                best = k;
            }
        }
        return best;
    }

    /** Output {@code k} of the sample last run by {@link #evaluateSample}. */
    double output(int k) {
        return activations[forwardPass.outputOffset() + k];
    }

    private double forwardAndOutputDeltas(double[] parameters, Examples examples, int row, int base) {
        copyInput(examples, row, base);
        forwardPass.forward(parameters, activations, base);
        return outputDeltas(examples, row, base);
    }

    private double outputDeltas(Examples examples, int row, int base) {
        int outputs = base + forwardPass.outputOffset();
        int targets = row * examples.targetCount();
        int outputCount = forwardPass.outputSize();
        loss.outputDeltas(outputActivation, activations, outputs, examples.targets(), targets, deltas, outputs,
                outputCount);
        return loss.error(outputActivation, activations, outputs, examples.targets(), targets, outputCount);
    }

    /** delta_i of layer {@code layer-1} = (sum_j w_ij delta_j) * dout_i/dnet_i, with the current weights. */
    private void hiddenDeltas(double[] parameters, int layer, int base) {
        kernels.backpropagateDeltas(forwardPass.layer(layer), parameters, activations,
                base + forwardPass.neuronOffset(layer - 1), deltas, base + forwardPass.neuronOffset(layer),
                forwardPass.activation(layer - 1));
    }

    private void copyInput(Examples examples, int row, int base) {
        int featureCount = examples.featureCount();
        double[] features = examples.features();
        int first = row * featureCount;
        // a loop, which the compiler vectorizes; a call of arraycopy costs more for a few features
        for (int i = 0; i < featureCount; i++) {
            activations[base + i] = features[first + i];
        }
    }
}
