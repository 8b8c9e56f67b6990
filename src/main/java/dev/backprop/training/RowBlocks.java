package dev.backprop.training;

import dev.backprop.network.Architecture;

/**
 * The weight rows of a network, the bias row of each layer included, cut into blocks of up to
 * {@code rowsPerBlock} consecutive rows of one layer, and the blocks shared out among workers.
 *
 * <p>In the flat parameter layout a layer's bias row directly follows its last weight row, so row
 * {@code i} of layer {@code l} starts at {@code weightOffset(l) + i * size(l)} for
 * {@code 0 <= i <= size(l-1)}. Worker {@code w} gets the consecutive blocks whose first parameter
 * falls in the {@code w}-th of {@code workers} equal parts of the parameter array, which balances
 * the work by weight count. Immutable.
 */
final class RowBlocks {

    private final int[] layers;
    private final int[] firstRows;
    private final int[] rowCounts;
    private final int[] widths;
    private final int[] parameterOffsets;
    private final int[] biasRows;
    private final int[] workerFirstBlocks;

    RowBlocks(Architecture architecture, int rowsPerBlock, int workers) {
        int blockCount = 0;
        for (int layer = 1; layer <= architecture.depth(); layer++) {
            blockCount += (architecture.size(layer - 1) + 1 + rowsPerBlock - 1) / rowsPerBlock;
        }
        layers = new int[blockCount];
        firstRows = new int[blockCount];
        rowCounts = new int[blockCount];
        widths = new int[blockCount];
        parameterOffsets = new int[blockCount];
        biasRows = new int[blockCount];

        int b = 0;
        for (int layer = 1; layer <= architecture.depth(); layer++) {
            int rows = architecture.size(layer - 1) + 1;
            for (int row = 0; row < rows; row += rowsPerBlock) {
                layers[b] = layer;
                firstRows[b] = row;
                rowCounts[b] = Math.min(rowsPerBlock, rows - row);
                widths[b] = architecture.size(layer);
                parameterOffsets[b] = architecture.weightOffset(layer) + row * architecture.size(layer);
                biasRows[b] = rows - 1 - row;
                b++;
            }
        }

        workerFirstBlocks = new int[workers + 1];
        long parameterCount = architecture.parameterCount();
        for (int w = 0; w <= workers; w++) {
            long boundary = parameterCount * w / workers;
            int first = 0;
            while (first < blockCount && parameterOffsets[first] < boundary) {
                first++;
            }
            workerFirstBlocks[w] = first;
        }
    }

    /** First block of worker {@code worker}; {@code firstBlock(workers)} is the block count. */
    int firstBlock(int worker) {
        return workerFirstBlocks[worker];
    }

    int layer(int block) {
        return layers[block];
    }

    int firstRow(int block) {
        return firstRows[block];
    }

    int rowCount(int block) {
        return rowCounts[block];
    }

    /** Neurons of the block's layer: the length of each of its rows. */
    int width(int block) {
        return widths[block];
    }

    int parameterOffset(int block) {
        return parameterOffsets[block];
    }

    /** Whether row {@code r} of the block is its layer's bias row. */
    boolean isBiasRow(int block, int r) {
        return r == biasRows[block];
    }
}
