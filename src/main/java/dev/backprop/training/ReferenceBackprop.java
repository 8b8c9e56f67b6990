package dev.backprop.training;

import dev.backprop.network.Activation;
import dev.backprop.network.Architecture;
import dev.backprop.network.Loss;
import java.util.Objects;

/**
 * A deliberately plain, slow backpropagation of one sample that keeps every intermediate value,
 * written to be read next to M. Mazur's "A Step by Step Backpropagation Example" (2015) rather
 * than to be fast. It shares no code with the training loop ({@link Backpropagation}), so the two
 * check each other: tests compare this path's updated weights with the trainer's.
 *
 * <p>For neuron {@code j} of layer {@code l}: {@code net_j = b_j + sum_i w_ij out_i},
 * {@code out_j = f(net_j)}. At the outputs {@code dE/dout_k} is the loss's derivative
 * ({@code -(t_k - out_k)} for squared error, {@code -t_k/out_k} for cross-entropy after softmax,
 * {@code -t_k/out_k + (1-t_k)/(1-out_k)} after a sigmoid) and
 * {@code delta_k = dE/dout_k * dout_k/dnet_k}, or, after a softmax, whose outputs are coupled,
 * {@code delta_k = out_k (dE/dout_k - sum_j dE/dout_j out_j)}. A hidden neuron has
 * {@code dE/dout_h = sum_k w_hk delta_k} (weights before the update) and
 * {@code delta_h = dE/dout_h * dout_h/dnet_h}. Each gradient is {@code dE/dw_ij = delta_j out_i}
 * ({@code delta_j} for a bias), and the update is {@code w - eta * dE/dw}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ReferenceBackprop {

    /** {@code dout/dnet} of an activation given the neuron's output; a seam for tests. */
    @FunctionalInterface
    public interface Derivative {
        /** Returns {@code dout/dnet} at output {@code out}. */
        double of(Activation activation, double out);
    }

    /** The production derivatives, {@link Activation#derivativeFromOutput}. */
    public static final Derivative STANDARD = Activation::derivativeFromOutput;

    /**
     * Everything one sample's forward and backward pass computes. Arrays are indexed
     * {@code [layer][neuron]} with layer 0 the inputs (whose backward values are unused);
     * {@code doutDnet} is NaN for softmax outputs, whose derivative is a Jacobian.
     *
     * @param net net input of each neuron
     * @param out output of each neuron; layer 0 holds the inputs
     * @param errors the loss of each output neuron
     * @param totalError the sum of {@code errors}
     * @param dErrorDout {@code dE/dout} of each neuron
     * @param doutDnet {@code dout/dnet} of each neuron
     * @param delta {@code dE/dnet} of each neuron
     * @param gradient {@code dE/dw} of every parameter, in the flat layout of {@link Architecture}
     */
    public record Step(double[][] net, double[][] out, double[] errors, double totalError, double[][] dErrorDout,
            double[][] doutDnet, double[][] delta, double[] gradient) {}

    private final Architecture architecture;
    private final Loss loss;
    private final Derivative derivative;

    /** Creates the reference pass with the production derivatives. */
    public ReferenceBackprop(Architecture architecture, Loss loss) {
        this(architecture, loss, STANDARD);
    }

    /** Creates the reference pass with the given derivatives (tests inject wrong ones). */
    public ReferenceBackprop(Architecture architecture, Loss loss, Derivative derivative) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.derivative = Objects.requireNonNull(derivative, "derivative");
    }

    /** Runs one sample forward and backward with {@code parameters}, which it does not change. */
    public Step step(double[] parameters, double[] input, double[] target) {
        int depth = architecture.depth();
        double[][] net = new double[depth + 1][];
        double[][] out = new double[depth + 1][];
        out[0] = input.clone();
        net[0] = input.clone();
        for (int layer = 1; layer <= depth; layer++) {
            forwardLayer(parameters, layer, net, out);
        }

        double[][] dErrorDout = new double[depth + 1][];
        double[][] doutDnet = new double[depth + 1][];
        double[][] delta = new double[depth + 1][];
        double[] errors = outputErrors(out[depth], target);
        outputDeltas(out[depth], target, dErrorDout, doutDnet, delta);
        for (int layer = depth - 1; layer >= 1; layer--) {
            hiddenDeltas(parameters, layer, out, dErrorDout, doutDnet, delta);
        }
        dErrorDout[0] = new double[input.length];
        doutDnet[0] = new double[input.length];
        delta[0] = new double[input.length];

        double totalError = 0.0;
        for (double error : errors) {
            totalError += error;
        }
        return new Step(net, out, errors, totalError, dErrorDout, doutDnet, delta, gradient(out, delta));
    }

    private void forwardLayer(double[] parameters, int layer, double[][] net, double[][] out) {
        int size = architecture.size(layer);
        net[layer] = new double[size];
        for (int j = 0; j < size; j++) {
            double sum = parameters[architecture.biasIndex(layer, j)];
            for (int i = 0; i < architecture.size(layer - 1); i++) {
                sum += parameters[architecture.weightIndex(layer, j, i)] * out[layer - 1][i];
            }
            net[layer][j] = sum;
        }
        out[layer] = net[layer].clone();
        architecture.activation(layer).apply(out[layer], 0, size);
    }

    private double[] outputErrors(double[] out, double[] target) {
        double[] errors = new double[out.length];
        for (int k = 0; k < out.length; k++) {
            errors[k] = loss.error(architecture.outputActivation(), out, k, target, k, 1);
        }
        return errors;
    }

    private void outputDeltas(double[] out, double[] target, double[][] dErrorDout, double[][] doutDnet,
            double[][] delta) {
        int depth = architecture.depth();
        Activation activation = architecture.outputActivation();
        dErrorDout[depth] = new double[out.length];
        doutDnet[depth] = new double[out.length];
        delta[depth] = new double[out.length];
        for (int k = 0; k < out.length; k++) {
            dErrorDout[depth][k] = lossDerivative(out[k], target[k]);
        }
        if (activation == Activation.SOFTMAX) {
            double weightedSum = 0.0;
            for (int j = 0; j < out.length; j++) {
                weightedSum += dErrorDout[depth][j] * out[j];
            }
            for (int k = 0; k < out.length; k++) {
                doutDnet[depth][k] = Double.NaN;
                delta[depth][k] = out[k] * (dErrorDout[depth][k] - weightedSum);
            }
            return;
        }
        for (int k = 0; k < out.length; k++) {
            doutDnet[depth][k] = derivative.of(activation, out[k]);
            delta[depth][k] = dErrorDout[depth][k] * doutDnet[depth][k];
        }
    }

    private double lossDerivative(double out, double target) {
        if (loss == Loss.SQUARED_ERROR) {
            return -(target - out);
        }
        if (architecture.outputActivation() == Activation.SOFTMAX) {
            return -target / out;
        }
        return -target / out + (1.0 - target) / (1.0 - out);
    }

    private void hiddenDeltas(double[] parameters, int layer, double[][] out, double[][] dErrorDout,
            double[][] doutDnet, double[][] delta) {
        int size = architecture.size(layer);
        dErrorDout[layer] = new double[size];
        doutDnet[layer] = new double[size];
        delta[layer] = new double[size];
        for (int h = 0; h < size; h++) {
            double sum = 0.0;
            for (int k = 0; k < architecture.size(layer + 1); k++) {
                sum += parameters[architecture.weightIndex(layer + 1, k, h)] * delta[layer + 1][k];
            }
            dErrorDout[layer][h] = sum;
            doutDnet[layer][h] = derivative.of(architecture.activation(layer), out[layer][h]);
            delta[layer][h] = sum * doutDnet[layer][h];
        }
    }

    private double[] gradient(double[][] out, double[][] delta) {
        double[] gradient = new double[architecture.parameterCount()];
        for (int layer = 1; layer <= architecture.depth(); layer++) {
            for (int j = 0; j < architecture.size(layer); j++) {
                for (int i = 0; i < architecture.size(layer - 1); i++) {
                    gradient[architecture.weightIndex(layer, j, i)] = delta[layer][j] * out[layer - 1][i];
                }
                gradient[architecture.biasIndex(layer, j)] = delta[layer][j];
            }
        }
        return gradient;
    }
}
