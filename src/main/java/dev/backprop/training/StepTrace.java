package dev.backprop.training;

import dev.backprop.network.Architecture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Records every intermediate quantity of the first updates of a run, in the worked example's
 * notation, by running {@link ReferenceBackprop} over the rows in the order the {@link Trainer}
 * visits them.
 *
 * <p>Only per-sample updates ({@code batch_size=1}) are traced; each step is one row. Per step the
 * rows are, in order: the data {@code row}, each {@code input} and {@code target}, {@code net}
 * and {@code out} of each neuron layer by layer, {@code E} of each output and {@code E_total},
 * then from the outputs back to the first hidden layer {@code dE/dout}, {@code dout/dnet} (not
 * for softmax outputs) and {@code delta}, and finally {@code gradient} and {@code new_value} of
 * every parameter, layer by layer, each neuron's weights followed by its bias.
 */
public final class StepTrace {

    private final Architecture architecture;
    private final TrainingSettings settings;
    private final ReferenceBackprop reference;
    private final TraceNames names;

    /**
     * Creates a trace of a run.
     *
     * @throws IllegalArgumentException naming {@code batch_size} if it is not 1, or when the run uses another
     *     optimizer, a schedule, weight decay or clipping, whose updates the trace does not show
     */
    public StepTrace(Architecture architecture, TrainingSettings settings) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (settings.batchSize() != 1) {
            throw new IllegalArgumentException("trace follows per-sample updates, but batch_size="
                    + settings.batchSize() + "; use --set batch_size=1");
        }
        if (!settings.isPlainSgd() || settings.schedule().kind() != LearningRateSchedule.Kind.CONSTANT) {
            throw new IllegalArgumentException("trace shows plain gradient descent at a constant learning rate;"
                    + " use --set optimizer=sgd --set lr_schedule=constant --set weight_decay=0 --set clip_norm=0");
        }
        settings.loss().checkOutputActivation(architecture.outputActivation());
        this.reference = new ReferenceBackprop(architecture, settings.loss());
        this.names = new TraceNames(architecture);
    }

    /**
     * Traces the first {@code steps} updates, changing {@code parameters} in place as training
     * would.
     *
     * @param training the (scaled) training rows, in file order
     * @param steps updates to trace, at least 1; fewer if the run has fewer
     * @return the trace rows in step order
     */
    public List<TraceRow> trace(double[] parameters, Examples training, long steps) {
        List<TraceRow> rows = new ArrayList<>();
        long step = 0;
        for (int epoch = 1; epoch <= settings.epochs() && step < steps; epoch++) {
            int[] order = Trainer.epochOrder(training.rows(), settings.seed(), epoch, settings.shuffle());
            for (int i = 0; i < order.length && step < steps; i++) {
                step++;
                traceStep(step, parameters, training, order[i], rows);
            }
        }
        return rows;
    }

    private void traceStep(long step, double[] parameters, Examples training, int row, List<TraceRow> rows) {
        double[] input = Arrays.copyOfRange(training.features(), row * training.featureCount(),
                (row + 1) * training.featureCount());
        double[] target = Arrays.copyOfRange(training.targets(), row * training.targetCount(),
                (row + 1) * training.targetCount());
        ReferenceBackprop.Step values = reference.step(parameters, input, target);

        rows.add(new TraceRow(step, "row", "", row));
        addLayer(rows, step, "input", 0, input);
        for (int k = 0; k < target.length; k++) {
            rows.add(new TraceRow(step, "target", names.neuron(architecture.depth(), k), target[k]));
        }
        for (int layer = 1; layer <= architecture.depth(); layer++) {
            addLayer(rows, step, "net", layer, values.net()[layer]);
            addLayer(rows, step, "out", layer, values.out()[layer]);
        }
        addLayer(rows, step, "E", architecture.depth(), values.errors());
        rows.add(new TraceRow(step, "E_total", "", values.totalError()));
        for (int layer = architecture.depth(); layer >= 1; layer--) {
            addLayer(rows, step, "dE/dout", layer, values.dErrorDout()[layer]);
            addLayer(rows, step, "dout/dnet", layer, values.doutDnet()[layer]);
            addLayer(rows, step, "delta", layer, values.delta()[layer]);
        }
        updateParameters(step, parameters, values.gradient(), rows);
    }

    private void addLayer(List<TraceRow> rows, long step, String quantity, int layer, double[] values) {
        for (int j = 0; j < values.length; j++) {
            // A softmax output has no scalar dout/dnet; leaving the row out beats printing NaN.
            if (!Double.isNaN(values[j])) {
                rows.add(new TraceRow(step, quantity, names.neuron(layer, j), values[j]));
            }
        }
    }

    private void updateParameters(long step, double[] parameters, double[] gradient, List<TraceRow> rows) {
        List<TraceRow> newValues = new ArrayList<>();
        for (int layer = 1; layer <= architecture.depth(); layer++) {
            for (int j = 0; j < architecture.size(layer); j++) {
                for (int i = 0; i < architecture.size(layer - 1); i++) {
                    int index = architecture.weightIndex(layer, j, i);
                    update(step, parameters, gradient, index, names.weight(layer, j, i), true, rows, newValues);
                }
                update(step, parameters, gradient, architecture.biasIndex(layer, j), names.bias(layer, j),
                        settings.updateBiases(), rows, newValues);
            }
        }
        rows.addAll(newValues);
    }

    private void update(long step, double[] parameters, double[] gradient, int index, String name,
            boolean isTrained, List<TraceRow> gradients, List<TraceRow> newValues) {
        gradients.add(new TraceRow(step, "gradient", name, gradient[index]));
        if (isTrained) {
            // The same expression as the trainer's update: the gradient first, then the step.
            parameters[index] -= settings.learningRate() * gradient[index];
        }
        newValues.add(new TraceRow(step, "new_value", name, parameters[index]));
    }
}
