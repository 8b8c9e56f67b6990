package dev.backprop.network;

/**
 * A copy of the weight matrices cut into panels of {@value #COLUMNS} neurons, for the mini-batch
 * forward kernels: panel {@code g} of a layer holds {@code W[k][32g .. 32g + 32)} for every input
 * {@code k}, one row of 32 after the other.
 *
 * <p>A kernel reading a panel steps by a fixed 32 values per input instead of by the layer's
 * width, which lets the compiler drop the bounds checks from its inner loop, and the panel stays
 * in cache while all samples of a chunk use it. Only whole panels are kept: the neurons past the
 * last one (all of a layer narrower than 32) are read from the parameters themselves.
 *
 * <p>The owner keeps the copy current: {@link #pack} after the weights changed in any way,
 * {@link #packRows} after it changed some rows. Not thread-safe, but calls for disjoint rows may
 * run at once; kernels only read.
 */
public final class WeightPanels {

    /** Neurons per panel: four vectors of eight doubles. */
    public static final int COLUMNS = 32;

    private final DenseLayer[] layers;
    private final Panel[] panels;
    private final double[] values;

    /**
     * One layer's panels: {@code columns} neurons (a multiple of {@value #COLUMNS}, possibly 0)
     * whose panel {@code g} starts at {@code from + g * inputCount * 32} in {@code values}.
     */
    public record Panel(double[] values, int from, int columns) {}

    /** Room for the panels of every layer of {@code forwardPass}, not yet filled. */
    public WeightPanels(ForwardPass forwardPass) {
        int depth = forwardPass.depth();
        layers = new DenseLayer[depth + 1];
        int[] offsets = new int[depth + 1];
        int total = 0;
        for (int layer = 1; layer <= depth; layer++) {
            layers[layer] = forwardPass.layer(layer);
            offsets[layer] = total;
            total += layers[layer].inputCount() * packedColumns(layers[layer]);
        }
        CacheAlignedCopy storage = CacheAlignedCopy.of(total);
        values = storage.values();
        panels = new Panel[depth + 1];
        for (int layer = 1; layer <= depth; layer++) {
            panels[layer] = new Panel(values, storage.offset() + offsets[layer], packedColumns(layers[layer]));
        }
    }

    /** The panels of weight layer {@code layer}, {@code 1 <= layer <= depth}. */
    public Panel panel(int layer) {
        return panels[layer];
    }

    /** Copies every weight of {@code parameters} that belongs in a panel. */
    public void pack(double[] parameters) {
        for (int layer = 1; layer < layers.length; layer++) {
            packRows(parameters, layer, 0, layers[layer].inputCount());
        }
    }

    /**
     * Copies the weights of input rows {@code firstRow .. firstRow + rowCount)} of weight layer
     * {@code layer}; rows at or past the layer's input count (its bias row) are ignored.
     */
    public void packRows(double[] parameters, int layer, int firstRow, int rowCount) {
        DenseLayer dense = layers[layer];
        Panel panel = panels[layer];
        int lastRow = Math.min(firstRow + rowCount, dense.inputCount());
        for (int k = firstRow; k < lastRow; k++) {
            int row = dense.rowOffset(k);
            for (int g = 0; g * COLUMNS < panel.columns(); g++) {
                copyRow(parameters, row + g * COLUMNS, panel.from() + (g * dense.inputCount() + k) * COLUMNS);
            }
        }
    }

    /** A plain loop, which the compiler turns into a few vector moves; a call of arraycopy costs more. */
    private void copyRow(double[] parameters, int from, int to) {
        for (int j = 0; j < COLUMNS; j++) {
            values[to + j] = parameters[from + j];
        }
    }

    private static int packedColumns(DenseLayer layer) {
        return layer.width() / COLUMNS * COLUMNS;
    }
}
