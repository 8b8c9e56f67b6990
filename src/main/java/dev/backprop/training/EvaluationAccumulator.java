package dev.backprop.training;

import dev.backprop.network.Activation;
import dev.backprop.network.Loss;
import java.util.Objects;

/**
 * Sums a network's error over rows and, for classification, counts a confusion matrix, one row
 * at a time, so that a file of any length can be evaluated in constant memory.
 *
 * <p>A row's class is the position of its largest target and its prediction the position of the
 * largest output, the first on ties, exactly as {@link Evaluation} counts accuracy; with a single
 * output both are taken as "output >= 0.5" (classes 0 and 1). For every output the absolute and
 * squared differences are summed too, for regression reports.
 *
 * <p>Mutable; belongs to one thread; combine partial results with {@link #merge}.
 */
public final class EvaluationAccumulator {

    private final Loss loss;
    private final Activation outputActivation;
    private final int outputCount;
    private final int classCount;
    private final long[][] confusion;
    private final double[] absoluteErrors;
    private final double[] squaredErrors;
    private double error;
    private long rows;

    /**
     * Creates an empty accumulator.
     *
     * @param outputCount network outputs per row, at least 1
     */
    public EvaluationAccumulator(Loss loss, Activation outputActivation, int outputCount) {
        this.loss = Objects.requireNonNull(loss, "loss");
        this.outputActivation = Objects.requireNonNull(outputActivation, "outputActivation");
        if (outputCount < 1) {
            throw new IllegalArgumentException("outputCount must be >= 1, got " + outputCount);
        }
        this.outputCount = outputCount;
        this.classCount = outputCount == 1 ? 2 : outputCount;
        this.confusion = new long[classCount][classCount];
        this.absoluteErrors = new double[outputCount];
        this.squaredErrors = new double[outputCount];
    }

    /** Adds one row: its outputs and targets, {@code outputCount} of each. */
    public void add(double[] outputs, double[] targets, int targetsFrom) {
        error += loss.error(outputActivation, outputs, 0, targets, targetsFrom, outputCount);
        for (int k = 0; k < outputCount; k++) {
            double difference = outputs[k] - targets[targetsFrom + k];
            absoluteErrors[k] += Math.abs(difference);
            squaredErrors[k] += difference * difference;
        }
        confusion[classOf(targets, targetsFrom)][classOf(outputs, 0)]++;
        rows++;
    }

    private int classOf(double[] values, int from) {
        if (outputCount == 1) {
            return values[from] >= 0.5 ? 1 : 0;
        }
        int best = 0;
        for (int k = 1; k < outputCount; k++) {
            if (values[from + k] > values[from + best]) {
                best = k;
            }
        }
        return best;
    }

    /** Adds another accumulator's rows to this one. */
    public void merge(EvaluationAccumulator other) {
        if (other.outputCount != outputCount) {
            throw new IllegalArgumentException("cannot merge " + other.outputCount + " outputs into " + outputCount);
        }
        error += other.error;
        rows += other.rows;
        for (int k = 0; k < outputCount; k++) {
            absoluteErrors[k] += other.absoluteErrors[k];
            squaredErrors[k] += other.squaredErrors[k];
        }
        for (int i = 0; i < classCount; i++) {
            for (int j = 0; j < classCount; j++) {
                confusion[i][j] += other.confusion[i][j];
            }
        }
    }

    /** Rows added. */
    public long rows() {
        return rows;
    }

    /** The loss summed over the rows. */
    public double error() {
        return error;
    }

    /** {@code error() / rows()}; NaN for zero rows. */
    public double meanError() {
        return rows == 0 ? Double.NaN : error / rows;
    }

    /** Number of classes in the confusion matrix: the output count, or 2 for a single output. */
    public int classCount() {
        return classCount;
    }

    /** Rows of true class {@code actual} predicted as {@code predicted}. */
    public long count(int actual, int predicted) {
        return confusion[actual][predicted];
    }

    /** Fraction of rows whose predicted class is the true one; NaN for zero rows. */
    public double accuracy() {
        long correct = 0;
        for (int k = 0; k < classCount; k++) {
            correct += confusion[k][k];
        }
        return rows == 0 ? Double.NaN : (double) correct / rows;
    }

    /** Of the rows predicted as {@code k}, the fraction that are {@code k}; NaN if none was. */
    public double precision(int k) {
        long predicted = 0;
        for (int actual = 0; actual < classCount; actual++) {
            predicted += confusion[actual][k];
        }
        return predicted == 0 ? Double.NaN : (double) confusion[k][k] / predicted;
    }

    /** Of the rows of class {@code k}, the fraction predicted as {@code k}; NaN if there are none. */
    public double recall(int k) {
        return support(k) == 0 ? Double.NaN : (double) confusion[k][k] / support(k);
    }

    /** Harmonic mean of precision and recall; NaN if either is NaN, 0 if both are 0. */
    public double f1(int k) {
        double precision = precision(k);
        double recall = recall(k);
        if (Double.isNaN(precision) || Double.isNaN(recall)) {
            return Double.NaN;
        }
        return precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
    }

    /** Rows whose true class is {@code k}. */
    public long support(int k) {
        long count = 0;
        for (int predicted = 0; predicted < classCount; predicted++) {
            count += confusion[k][predicted];
        }
        return count;
    }

    /** Mean absolute difference between output {@code k} and its target; NaN for zero rows. */
    public double meanAbsoluteError(int k) {
        return rows == 0 ? Double.NaN : absoluteErrors[k] / rows;
    }

    /** Root mean squared difference between output {@code k} and its target; NaN for zero rows. */
    public double rootMeanSquaredError(int k) {
        return rows == 0 ? Double.NaN : Math.sqrt(squaredErrors[k] / rows);
    }
}
