package dev.backprop.training;

/**
 * Training rows delivered block by block, once per epoch: the whole data set in memory as one
 * block, or a file read again each epoch, one row group at a time, when it does not fit the heap.
 *
 * <p>Blocks arrive in the same order every epoch. A block may reuse its arrays for the next one,
 * so a consumer must not keep a block after {@code accept} returns.
 */
public interface ExampleSource {

    /** Values per row fed to the input layer. */
    int featureCount();

    /** Values per row the output layer is trained towards. */
    int targetCount();

    /** Total rows over all blocks. */
    long rows();

    /**
     * Passes every block, in order, to {@code consumer}.
     *
     * @throws java.io.UncheckedIOException naming the file when a block cannot be read
     */
    void forEachBlock(BlockConsumer consumer);

    /** Receives one block of rows. */
    @FunctionalInterface
    interface BlockConsumer {
        /** Called once per block; {@code block} is only valid during the call. */
        void accept(Examples block);
    }

    /** A source holding all rows in memory, as one block. */
    static ExampleSource inMemory(Examples examples) {
        return new ExampleSource() {
            @Override
            public int featureCount() {
                return examples.featureCount();
            }

            @Override
            public int targetCount() {
                return examples.targetCount();
            }

            @Override
            public long rows() {
                return examples.rows();
            }

            @Override
            public void forEachBlock(BlockConsumer consumer) {
                consumer.accept(examples);
            }
        };
    }
}
