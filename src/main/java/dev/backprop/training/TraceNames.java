package dev.backprop.training;

import dev.backprop.network.Architecture;
import java.util.Arrays;

/**
 * Names of neurons and parameters in a trace.
 *
 * <p>Neurons: inputs {@code i1, i2, ...}, outputs {@code o1, o2, ...}, and hidden neurons
 * {@code h1, h2, ...} with one hidden layer, or {@code h<layer>_<n>} (such as {@code h2_3}) with
 * several. Parameters of a 2-2-2 network follow M. Mazur's worked example: {@code w1..w8} with
 * w1: i1->h1, w2: i2->h1, w3: i1->h2, w4: i2->h2, w5: h1->o1, w6: h2->o1, w7: h1->o2,
 * w8: h2->o2, and biases {@code b1(h1), b1(h2), b2(o1), b2(o2)} (the post's b1 and b2, one per
 * neuron here). Other networks name a weight {@code w(i1,h3)} (from, to) and a bias {@code b(h3)}.
 */
public final class TraceNames {

    private final Architecture architecture;
    private final boolean isWorkedExample;

    /** Names for the neurons and parameters of {@code architecture}. */
    public TraceNames(Architecture architecture) {
        this.architecture = architecture;
        this.isWorkedExample = Arrays.equals(architecture.layerSizes(), new int[] {2, 2, 2});
    }

    /** Name of neuron {@code neuron} (0-based) of layer {@code layer} (0 = inputs). */
    public String neuron(int layer, int neuron) {
        if (layer == 0) {
            return "i" + (neuron + 1);
        }
        if (layer == architecture.depth()) {
            return "o" + (neuron + 1);
        }
        return architecture.depth() == 2 ? "h" + (neuron + 1) : "h" + layer + "_" + (neuron + 1);
    }

    /** Name of the weight from {@code input} of layer {@code layer-1} to {@code neuron} of layer {@code layer}. */
    public String weight(int layer, int neuron, int input) {
        if (isWorkedExample) {
            return "w" + ((layer - 1) * 4 + neuron * 2 + input + 1);
        }
        return "w(" + neuron(layer - 1, input) + "," + neuron(layer, neuron) + ")";
    }

    /** Name of the bias of {@code neuron} of layer {@code layer}. */
    public String bias(int layer, int neuron) {
        return (isWorkedExample ? "b" + layer : "b") + "(" + neuron(layer, neuron) + ")";
    }
}
