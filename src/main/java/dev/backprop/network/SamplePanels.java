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
 * <p>The inputs of the first weight layer are not copied: they are the data set's feature rows,
 * which nothing writes, and the kernels read them there, at the start {@link #setRowStart} gave
 * each sample. Copying them would cost a store per input and, on several cores, a cache line
 * taken from the core that read it in the last batch.
 *
 * <p>Each sample's slot is written by {@link #store} and {@link #setRowStart} after its backward
 * pass; calls for different slots may run on different threads at once, and readers start after
 * all writers have synchronized.
 */
public final class SamplePanels {

    /** Input rows per block. */
    public static final int ROWS = 8;

    /** Neurons per delta group. */
    public static final int NEURONS = 16;

    private final int capacity;
    private final Layer[] layers;
    private final int[] rowStarts;

    /**
     * One weight layer's copies: {@code rows} inputs (a multiple of {@value #ROWS}) and
     * {@code neurons} deltas (a multiple of {@value #NEURONS}), whose group {@code g} of sample
     * {@code s} starts at {@code deltasFrom + (g * capacity + s) * 16} in {@code values}. Input
     * {@code k} of sample {@code s} is
     * {@code inputValues[sampleStarts[s] + inputBlockFrom(k - k % 8) + k % 8]}: in
     * {@code values}, block {@code b} of sample {@code s} starts at
     * {@code inputsFrom + (b * capacity + s) * 8}; for the first layer, whose inputs are feature
     * rows, {@code inputValues} is the data set and {@code sampleStarts} are the rows' offsets.
     */
    public record Layer(
            double[] values, int capacity, int inputsFrom, int rows, int deltasFrom, int neurons,
            double[] inputValues, int[] sampleStarts) {

        /** Where the inputs of block {@code firstRow / 8} start, before adding a sample's start. */
        public int inputBlockFrom(int firstRow) {
            return inputValues == values ? inputsFrom + firstRow * capacity : firstRow;
        }
    }

    /** Room for {@code capacity} samples of every layer of {@code forwardPass}. */
    public SamplePanels(ForwardPass forwardPass, int capacity) {
        this.capacity = capacity;
        this.rowStarts = new int[capacity];
        int depth = forwardPass.depth();
        int[] inputsFrom = new int[depth + 1];
        int[] deltasFrom = new int[depth + 1];
        int total = 0;
        for (int layer = 1; layer <= depth; layer++) {
            DenseLayer dense = forwardPass.layer(layer);
            inputsFrom[layer] = total;
            total += layer == 1 ? 0 : wholeRows(dense) * capacity;
            deltasFrom[layer] = total;
            total += wholeNeurons(dense) * capacity;
        }
        // Runs of 8 and 16 values start on cache lines when the array is aligned (see CacheAlignedCopy).
        CacheAlignedCopy storage = CacheAlignedCopy.of(total);
        int[] panelStarts = new int[capacity];
        for (int s = 0; s < capacity; s++) {
            panelStarts[s] = s * ROWS;
        }
        layers = new Layer[depth + 1];
        for (int layer = 1; layer <= depth; layer++) {
            DenseLayer dense = forwardPass.layer(layer);
            layers[layer] = new Layer(storage.values(), capacity, storage.offset() + inputsFrom[layer],
                    wholeRows(dense), storage.offset() + deltasFrom[layer], wholeNeurons(dense),
                    layer == 1 ? null : storage.values(), layer == 1 ? rowStarts : panelStarts);
        }
    }

    /** Weight layer {@code layer}'s copies, {@code 1 <= layer <= depth}. */
    public Layer layer(int layer) {
        return layers[layer];
    }

    /**
     * Makes the first layer's inputs read from {@code features}, the feature rows of the samples
     * to be stored. Allocates only when the array differs from the last call's.
     */
    public void readInputsFrom(double[] features) {
        Layer first = layers[1];
        if (first.inputValues() != features) {
            layers[1] = new Layer(first.values(), capacity, first.inputsFrom(), first.rows(), first.deltasFrom(),
                    first.neurons(), features, rowStarts);
        }
    }

    /** Records that slot {@code slot}'s first-layer inputs start at {@code start} in the feature rows. */
    public void setRowStart(int slot, int start) {
        rowStarts[slot] = start;
    }

    /**
     * Copies one sample's inputs to weight layer {@code layer} ({@code activations[inputs ..]},
     * except for the first layer) and the deltas of its neurons ({@code deltas[outputs ..]}) into
     * slot {@code slot}.
     */
    public void store(int layer, double[] activations, int inputs, double[] deltas, int outputs, int slot) {
        Layer copies = layers[layer];
        if (layer > 1) {
            copyRuns(activations, inputs, copies.rows(), ROWS, copies.values(), copies.inputsFrom() + slot * ROWS);
        }
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
