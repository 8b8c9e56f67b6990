package dev.backprop.training;

import dev.backprop.network.Architecture;

/**
 * The weight rows of a network, cut into blocks of up to {@code rowsPerBlock} consecutive rows of
 * one layer, each layer's bias row a block of its own.
 *
 * <p>In the flat parameter layout a layer's bias row directly follows its last weight row, so row
 * {@code i} of layer {@code l} starts at {@code weightOffset(l) + i * size(l)} for
 * {@code 0 <= i <= size(l-1)}. Blocks write disjoint parameters, so workers may take them in
 * any order. Immutable.
 */
final class RowBlocks {

    private final int[] layers;
    private final int[] firstRows;
    private final int[] rowCounts;
    private final int[] widths;
    private final int[] parameterOffsets;
    private final boolean[] biasBlocks;

    RowBlocks(Architecture architecture, int rowsPerBlock) {
        int blockCount = 0;
        for (int layer = 1; layer <= architecture.depth(); layer++) {
            blockCount += (architecture.size(layer - 1) + rowsPerBlock - 1) / rowsPerBlock + 1;
        }
        layers = new int[blockCount];
        firstRows = new int[blockCount];
        rowCounts = new int[blockCount];
        widths = new int[blockCount];
        parameterOffsets = new int[blockCount];
        biasBlocks = new boolean[blockCount];

        int b = 0;
        for (int layer = 1; layer <= architecture.depth(); layer++) {
            int inputs = architecture.size(layer - 1);
            for (int row = 0; row < inputs; row += rowsPerBlock) {
                setBlock(b++, architecture, layer, row, Math.min(rowsPerBlock, inputs - row));
            }
            setBlock(b++, architecture, layer, inputs, 1);
        }
    }

    private void setBlock(int b, Architecture architecture, int layer, int firstRow, int rowCount) {
        layers[b] = layer;
        firstRows[b] = firstRow;
        rowCounts[b] = rowCount;
        widths[b] = architecture.size(layer);
        parameterOffsets[b] = architecture.weightOffset(layer) + firstRow * architecture.size(layer);
        biasBlocks[b] = firstRow == architecture.size(layer - 1);
    }

    /** Number of blocks over all layers. */
    int blockCount() {
        return layers.length;
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

    /** Whether the block is its layer's bias row. */
    boolean isBiasBlock(int block) {
        return biasBlocks[block];
    }
}
