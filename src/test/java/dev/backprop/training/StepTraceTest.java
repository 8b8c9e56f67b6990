package dev.backprop.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.network.Activation;
import dev.backprop.network.Architecture;
import dev.backprop.network.Initializer;
import dev.backprop.network.Loss;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The trace's separate, slow backpropagation against the real trainer: after the same number of
 * per-sample updates, in the trainer's shuffled order, both hold the same weights.
 */
class StepTraceTest {

    @ParameterizedTest(name = "{0}/{1} {2} biases={3}")
    @CsvSource({
        "sigmoid, sigmoid, squared_error, true",
        "tanh, identity, squared_error, true",
        "relu, softmax, cross_entropy, true",
        "sigmoid, softmax, squared_error, false",
        "tanh, sigmoid, cross_entropy, true",
    })
    void tracedUpdatesEqualTheTrainersWeights(String hidden, String output, String loss, boolean updateBiases) {
        Examples iris = TestDatasets.iris();
        Architecture architecture = new Architecture(new int[] {4, 5, 3}, Activation.fromConfig(hidden),
                Activation.fromConfig(output));
        TrainingSettings settings = new TrainingSettings(0.05, 2, 1, 1, 16, 0, updateBiases, true, 7,
                Loss.fromConfig(loss));
        double[] trained = Initializer.scaledUniform(architecture, 7);
        double[] traced = trained.clone();

        new Trainer(architecture, settings, entry -> { }).train(trained, iris,
                iris.select(new int[0]));
        List<TraceRow> rows = new StepTrace(architecture, settings).trace(traced, iris, 2L * iris.rows());

        for (int i = 0; i < trained.length; i++) {
            // The two paths sum hidden deltas in different orders; 1e-12 absolute allows that rounding.
            assertEquals(trained[i], traced[i], 1e-12, "parameter " + i);
        }
        assertEquals(2L * iris.rows(), rows.get(rows.size() - 1).step());
    }
}
