package dev.backprop.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Panels hold exactly the weights of whole 32-neuron column blocks, and row updates keep them current. */
class WeightPanelsTest {

    private static final Architecture ARCHITECTURE =
            new Architecture(new int[] {5, 70, 10}, Activation.SIGMOID, Activation.SIGMOID);

    @Test
    void panelsHoldWholeColumnBlocksRowAfterRow() {
        WeightPanels panels = new WeightPanels(new ForwardPass(ARCHITECTURE));
        double[] parameters = randomParameters(1);

        panels.pack(parameters);

        WeightPanels.Panel hidden = panels.panel(1);
        assertEquals(64, hidden.columns()); // 70 neurons: two panels, six left to the parameters
        assertEquals(0, panels.panel(2).columns()); // 10 neurons: none
        for (int g = 0; g < 2; g++) {
            for (int k = 0; k < 5; k++) {
                for (int j = 0; j < 32; j++) {
                    int neuron = 32 * g + j;
                    assertEquals(parameters[ARCHITECTURE.weightIndex(1, neuron, k)],
                            hidden.values()[hidden.from() + g * 5 * 32 + k * 32 + j], 0.0,
                            "panel " + g + " input " + k + " neuron " + neuron);
                }
            }
        }
    }

    @Test
    void packingChangedRowsEqualsPackingEverything() {
        WeightPanels incremental = new WeightPanels(new ForwardPass(ARCHITECTURE));
        WeightPanels whole = new WeightPanels(new ForwardPass(ARCHITECTURE));
        double[] parameters = randomParameters(2);
        incremental.pack(parameters);
        double[] changed = randomParameters(3);

        // rows 1..4 and the bias row (index 5, ignored) of layer 1 change
        for (int k = 1; k <= 5; k++) {
            for (int j = 0; j < 70; j++) {
                int index = k < 5 ? ARCHITECTURE.weightIndex(1, j, k) : ARCHITECTURE.biasIndex(1, j);
                parameters[index] = changed[index];
            }
        }
        incremental.packRows(parameters, 1, 1, 5);
        whole.pack(parameters);

        assertArrayEquals(whole.panel(1).values(), incremental.panel(1).values());
    }

    private static double[] randomParameters(long seed) {
        return new SplittableRandom(seed).doubles(ARCHITECTURE.parameterCount(), -1.0, 1.0).toArray();
    }
}
