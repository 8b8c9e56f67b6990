package dev.backprop.training;

import dev.backprop.network.Activation;
import dev.backprop.network.Architecture;
import dev.backprop.network.ForwardPass;
import dev.backprop.network.Loss;
import dev.backprop.network.VectorKernels;

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
 * samples, allocated once, so neither {@link #trainSample} nor {@link #accumulateChunk} allocates.
 * It is mutable and belongs to one thread.
 */
final class Backpropagation {

    private final ForwardPass forwardPass;
    private final Loss loss;
    private final Activation outputActivation;
    private final int capacity;
    private final int stride;
    private final double[] activations;
    private final double[] deltas;

    Backpropagation(Architecture architecture, Loss loss, int capacity) {
        this.forwardPass = new ForwardPass(architecture);
        this.loss = loss;
        this.outputActivation = architecture.outputActivation();
        this.capacity = capacity;
        this.stride = forwardPass.neuronCount();
        this.activations = new double[capacity * stride];
        this.deltas = new double[capacity * stride];
    }

    /** Largest number of samples {@link #accumulateChunk} takes at once. */
    int capacity() {
        return capacity;
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
        double error = forwardAndOutputDeltas(parameters, examples, row, 0);
        for (int layer = forwardPass.depth(); layer >= 1; layer--) {
            if (layer > 1) {
                hiddenDeltas(parameters, layer, 0);
            }
            descend(parameters, layer, learningRate, updateBiases);
        }
        return error;
    }

    private void descend(double[] parameters, int layer, double learningRate, boolean updateBiases) {
        int inputs = forwardPass.neuronOffset(layer - 1);
        int outputs = forwardPass.neuronOffset(layer);
        int inputCount = forwardPass.layerSize(layer - 1);
        int outputCount = forwardPass.layerSize(layer);
        int weights = forwardPass.weightOffset(layer);

        for (int i = 0; i < inputCount; i++) {
            double out = activations[inputs + i];
            if (out != 0.0) {
                // w_ij -= eta * (delta_j * out_i): the gradient first, then the step, as in the worked example
                int row = weights + i * outputCount;
                for (int j = 0; j < outputCount; j++) {
                    parameters[row + j] -= learningRate * (deltas[outputs + j] * out);
                }
            }
        }

        if (updateBiases) {
            int biases = forwardPass.biasOffset(layer);
            for (int j = 0; j < outputCount; j++) {
                parameters[biases + j] -= learningRate * deltas[outputs + j];
            }
        }
    }

    /**
     * Adds the gradients of {@code count} samples to {@code gradient} and returns the sum of their
     * errors. The samples are {@code order[from .. from+count)}, rows of {@code examples}.
     *
     * <p>Each gradient element receives the samples' contributions in sample order, so the result
     * is bitwise the same as adding the samples' gradients one by one.
     */
    double accumulateChunk(
            double[] parameters, Examples examples, int[] order, int from, int count, double[] gradient) {
        double error = 0.0;
        for (int s = 0; s < count; s++) {
            copyInput(examples, order[from + s], s * stride);
        }
        forwardPass.forwardChunk(parameters, activations, count);
        for (int s = 0; s < count; s++) {
            error += outputDeltas(examples, order[from + s], s * stride);
        }

        for (int layer = forwardPass.depth(); layer >= 1; layer--) {
            if (layer > 1) {
                for (int s = 0; s < count; s++) {
                    hiddenDeltas(parameters, layer, s * stride);
                }
            }
            addLayerGradient(layer, count, gradient);
        }
        return error;
    }

    private void addLayerGradient(int layer, int count, double[] gradient) {
        int inputs = forwardPass.neuronOffset(layer - 1);
        int outputs = forwardPass.neuronOffset(layer);
        int inputCount = forwardPass.layerSize(layer - 1);
        int outputCount = forwardPass.layerSize(layer);
        int weights = forwardPass.weightOffset(layer);

        // Row by row, so a gradient row stays in the L1 cache while every sample adds to it.
        for (int i = 0; i < inputCount; i++) {
            int row = weights + i * outputCount;
            for (int s = 0; s < count; s++) {
                double out = activations[s * stride + inputs + i];
                if (out != 0.0) {
                    VectorKernels.addScaled(out, deltas, s * stride + outputs, gradient, row, outputCount);
                }
            }
        }

        int biases = forwardPass.biasOffset(layer);
        for (int s = 0; s < count; s++) {
            VectorKernels.addScaled(1.0, deltas, s * stride + outputs, gradient, biases, outputCount);
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
        int inputs = base + forwardPass.neuronOffset(layer - 1);
        int outputs = base + forwardPass.neuronOffset(layer);
        int inputCount = forwardPass.layerSize(layer - 1);
        int outputCount = forwardPass.layerSize(layer);
        int weights = forwardPass.weightOffset(layer);
        Activation hidden = forwardPass.activation(layer - 1);

        for (int i = 0; i < inputCount; i++) {
            double sum = VectorKernels.dot(parameters, weights + i * outputCount, deltas, outputs, outputCount);
            deltas[inputs + i] = sum * hidden.derivativeFromOutput(activations[inputs + i]);
        }
    }

    private void copyInput(Examples examples, int row, int base) {
        int featureCount = examples.featureCount();
        System.arraycopy(examples.features(), row * featureCount, activations, base, featureCount);
    }
}
