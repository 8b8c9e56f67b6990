package dev.backprop.training;

import dev.backprop.network.Architecture;
import dev.backprop.network.Loss;

/**
 * A network's error and accuracy on a set of examples, with its weights held fixed.
 *
 * <p>Accuracy counts a row as correct when the largest output is at the position of the largest
 * target (one-hot classes), or, for a single output, when output and target fall on the same side
 * of 0.5. For regression targets the accuracy is computed the same way but means little.
 *
 * @param rows rows evaluated
 * @param error the loss summed over the rows
 * @param meanError {@code error / rows}, NaN for zero rows
 * @param accuracy fraction of rows classified correctly, NaN for zero rows
 */
public record Evaluation(int rows, double error, double meanError, double accuracy) {

    /** Evaluates {@code parameters} of {@code architecture} on every row of {@code examples}. */
    public static Evaluation of(Architecture architecture, double[] parameters, Examples examples, Loss loss) {
        Backpropagation workspace = new Backpropagation(architecture, loss, 1);
        double error = 0.0;
        int correct = 0;
        for (int row = 0; row < examples.rows(); row++) {
            error += workspace.evaluateSample(parameters, examples, row);
            if (isCorrect(workspace, examples, row)) {
                correct++;
            }
        }
        int rows = examples.rows();
        return new Evaluation(rows, error, rows == 0 ? Double.NaN : error / rows,
                rows == 0 ? Double.NaN : (double) correct / rows);
    }

    /**
     * Evaluates {@code parameters} on every row of a source, block by block; for an in-memory
     * source the result equals {@link #of(Architecture, double[], Examples, Loss)} exactly.
     */
    public static Evaluation of(Architecture architecture, double[] parameters, ExampleSource source, Loss loss) {
        Backpropagation workspace = new Backpropagation(architecture, loss, 1);
        double[] error = {0.0};
        long[] counts = {0, 0};
        source.forEachBlock(block -> {
            for (int row = 0; row < block.rows(); row++) {
                error[0] += workspace.evaluateSample(parameters, block, row);
                if (isCorrect(workspace, block, row)) {
                    counts[1]++;
                }
            }
            counts[0] += block.rows();
        });
        long rows = counts[0];
        return new Evaluation((int) Math.min(rows, Integer.MAX_VALUE), error[0],
                rows == 0 ? Double.NaN : error[0] / rows, rows == 0 ? Double.NaN : (double) counts[1] / rows);
    }

    private static boolean isCorrect(Backpropagation workspace, Examples examples, int row) {
        int targetCount = examples.targetCount();
        int targets = row * targetCount;
        if (targetCount == 1) {
            return (workspace.output(0) >= 0.5) == (examples.targets()[targets] >= 0.5);
        }
        int expected = 0;
        for (int k = 1; k < targetCount; k++) {
            if (examples.targets()[targets + k] > examples.targets()[targets + expected]) {
                expected = k;
            }
        }
        return workspace.predictedClass() == expected;
    }
}
