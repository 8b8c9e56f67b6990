package dev.backprop.network;

/**
 * A mini-batch's layer inputs and deltas copied into the blocked order the gradient kernels read:
 * for each weight layer, the inputs of eight consecutive rows of every sample side by side
 * ({@code [block][sample][8]}) and the deltas of sixteen consecutive neurons of every sample side
 * by side ({@code [group][sample][16]}).
 *
 * <p>Summing a gradient block over the batch then reads two short contiguous runs per sample
 * with fixed strides, instead of two places in each sample's activation slice, thousands of
 * values apart: the compiler drops the bounds checks and the caches and prefetchers see one
 * stream each. Only whole blocks and groups are copied; the rest (the bias row, the rows and
 * neurons past the last whole block) is read from the workspace itself.
 *
 * <p>Each sample's slot is written by {@link #store} after its backward pass; calls for
 * different slots may run on different threads at once, and readers start after all writers
 * have synchronized.
 */
public final class SamplePanels {

    /** Input rows per block. */
    public static final int ROWS = 8;

    /** Neurons per delta group. */
    public static final int NEURONS = 16;

    private final int capacity;
    private final Layer[] layers;

    /**
     * One weight layer's copies: {@code rows} inputs (a multiple of {@value #ROWS}) whose block
     * {@code b} of sample {@code s} starts at {@code inputsFrom + (b * capacity + s) * 8}, and
     * {@code neurons} deltas (a multiple of {@value #NEURONS}) whose group {@code g} of sample
     * {@code s} starts at {@code deltasFrom + (g * capacity + s) * 16}, both in {@code values}.
     */
    public record Layer(double[] values, int capacity, int inputsFrom, int rows, int deltasFrom, int neurons) {}

    /** Room for {@code capacity} samples of every layer of {@code forwardPass}. */
    public SamplePanels(ForwardPass forwardPass, int capacity) {
        this.capacity = capacity;
        int depth = forwardPass.depth();
        int[] inputsFrom = new int[depth + 1];
        int[] deltasFrom = new int[depth + 1];
        int total = 0;
        for (int layer = 1; layer <= depth; layer++) {
            DenseLayer dense = forwardPass.layer(layer);
            inputsFrom[layer] = total;
            total += wholeRows(dense) * capacity;
            deltasFrom[layer] = total;
            total += wholeNeurons(dense) * capacity;
        }
        // Runs of 8 and 16 values start on cache lines when the array is aligned (see CacheAlignedCopy).
        CacheAlignedCopy storage = CacheAlignedCopy.of(total);
        layers = new Layer[depth + 1];
        for (int layer = 1; layer <= depth; layer++) {
            DenseLayer dense = forwardPass.layer(layer);
            layers[layer] = new Layer(storage.values(), capacity, storage.offset() + inputsFrom[layer],
                    wholeRows(dense), storage.offset() + deltasFrom[layer], wholeNeurons(dense));
        }
    }

    /** Weight layer {@code layer}'s copies, {@code 1 <= layer <= depth}. */
    public Layer layer(int layer) {
        return layers[layer];
    }

    /**
     * Copies one sample's inputs to weight layer {@code layer} ({@code activations[inputs ..]})
     * and the deltas of its neurons ({@code deltas[outputs ..]}) into slot {@code slot}.
     */
    public void store(int layer, double[] activations, int inputs, double[] deltas, int outputs, int slot) {
        Layer copies = layers[layer];
        copyRuns(activations, inputs, copies.rows(), ROWS, copies.values(), copies.inputsFrom() + slot * ROWS);
        copyRuns(deltas, outputs, copies.neurons(), NEURONS, copies.values(), copies.deltasFrom() + slot * NEURONS);
    }

    /**
     * Copies {@code from[start .. start + count)} in runs of {@code run} values to
     * {@code to[at + i * capacity * run ..]}, run {@code i} after run {@code i - 1}. A plain loop:
     * the runs are too short for {@link System#arraycopy} to pay for its call.
     */
    private void copyRuns(double[] from, int start, int count, int run, double[] to, int at) {
        int step = capacity * run;
        for (int i = 0; i * run < count; i++) {
            int source = start + i * run;
            int target = at + i * step;
            for (int j = 0; j < run; j++) {
                to[target + j] = from[source + j];
            }
        }
    }

    private static int wholeRows(DenseLayer layer) {
        return layer.inputCount() / ROWS * ROWS;
    }

    private static int wholeNeurons(DenseLayer layer) {
        return layer.width() / NEURONS * NEURONS;
    }
}
