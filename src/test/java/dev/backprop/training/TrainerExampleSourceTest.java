package dev.backprop.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.network.Activation;
import dev.backprop.network.Architecture;
import dev.backprop.network.Initializer;
import dev.backprop.network.Loss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Training from a source of several blocks, and the thread-count independence of the new update
 * rules.
 */
class TrainerExampleSourceTest {

    private static final Architecture IRIS = new Architecture(new int[] {4, 6, 3}, Activation.SIGMOID,
            Activation.SOFTMAX);

    @Test
    void unshuffledBlocksTrainExactlyLikeOneInMemoryBlock() {
        Examples iris = TestDatasets.iris();
        TrainingSettings settings = TrainingSettings.builder().learningRate(0.05).epochs(3).shuffle(false)
                .loss(Loss.CROSS_ENTROPY).optimizer(OptimizerSettings.of(OptimizerSettings.Kind.MOMENTUM)).build();
        double[] inMemory = Initializer.scaledUniform(IRIS, 5);
        double[] blocked = inMemory.clone();

        new Trainer(IRIS, settings, TrainingListener.NONE).train(inMemory, iris, empty(iris));
        TrainingResult result = new Trainer(IRIS, settings, TrainingListener.NONE)
                .train(blocked, blocks(iris, 60, 60, 30), empty(iris));

        assertArrayEquals(inMemory, blocked);
        assertEquals(450, result.samplesSeen());
    }

    @Test
    void batchesDoNotSpanBlocks() {
        Examples iris = TestDatasets.iris();
        TrainingSettings settings = TrainingSettings.builder().epochs(1).batchSize(50).shuffle(false)
                .loss(Loss.CROSS_ENTROPY).build();

        TrainingResult result = new Trainer(IRIS, settings, TrainingListener.NONE)
                .train(Initializer.scaledUniform(IRIS, 5), blocks(iris, 60, 60, 30), empty(iris));

        assertEquals(5, result.steps()); // blocks of 60, 60, 30: 50 + 10, 50 + 10, 30 (not 3 x 50)
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 3})
    void adamWithClippingAndDecayIgnoresTheThreadCount(int threads) {
        Examples digits = TestDatasets.digits();
        Architecture architecture = new Architecture(new int[] {64, 16, 10}, Activation.SIGMOID, Activation.SOFTMAX);
        TrainingSettings.Builder settings = TrainingSettings.builder().learningRate(0.01).epochs(2).batchSize(64)
                .loss(Loss.CROSS_ENTROPY).optimizer(OptimizerSettings.of(OptimizerSettings.Kind.ADAM))
                .weightDecay(1e-3).clipNorm(0.5);
        double[] single = Initializer.scaledUniform(architecture, 2);
        double[] parallel = single.clone();

        new Trainer(architecture, settings.threads(1).build(), TrainingListener.NONE)
                .train(single, digits, empty(digits));
        new Trainer(architecture, settings.threads(threads).build(), TrainingListener.NONE)
                .train(parallel, digits, empty(digits));

        assertArrayEquals(single, parallel);
    }

    private static Examples empty(Examples like) {
        return like.select(new int[0]);
    }

    /** The rows of {@code examples} cut into consecutive blocks of the given sizes. */
    private static ExampleSource blocks(Examples examples, int... sizes) {
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
                int from = 0;
                for (int size : sizes) {
                    int[] rows = new int[size];
                    for (int i = 0; i < size; i++) {
                        rows[i] = from + i;
                    }
                    consumer.accept(examples.select(rows));
                    from += size;
                }
            }
        };
    }
}
