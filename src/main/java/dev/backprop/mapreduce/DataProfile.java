package dev.backprop.mapreduce;

import dev.backprop.data.InputProblem;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.apache.hadoop.io.Writable;

/**
 * What one pass over the training data learns before any training: the row count, each feature's
 * minimum, maximum, mean and sum of squared deviations (for input scaling), the distinct class
 * labels, and the problems found in bad lines.
 *
 * <p>Means and squared deviations are merged by the pairwise update of Chan, Golub and LeVeque,
 * "Algorithms for computing the sample variance" (1983):
 * {@code delta = mean_b - mean_a}, {@code mean = mean_a + delta * n_b / n},
 * {@code M2 = M2_a + M2_b + delta^2 * n_a * n_b / n}, which keeps the variance accurate when the
 * mean is large. Mutable; not thread-safe.
 */
public final class DataProfile implements Writable {

    /** Problems kept, as the local reader lists at most this many; the rest are counted. */
    static final int MAX_PROBLEMS = 100;

    /** Distinct labels kept; more mean the column is not a label column. */
    static final int MAX_LABELS = 1000;

    private long rows;
    private double[] min = new double[0];
    private double[] max = new double[0];
    private double[] mean = new double[0];
    private double[] squaredDeviations = new double[0];
    private final TreeSet<String> labels = new TreeSet<>();
    private boolean isOverLabelLimit;
    private final List<InputProblem> problems = new ArrayList<>();
    private long problemCount;

    /** An empty profile, as Hadoop's deserialization needs. */
    public DataProfile() {}

    /** An empty profile of rows with {@code featureCount} features. */
    DataProfile(int featureCount) {
        min = filled(featureCount, Double.POSITIVE_INFINITY);
        max = filled(featureCount, Double.NEGATIVE_INFINITY);
        mean = new double[featureCount];
        squaredDeviations = new double[featureCount];
    }

    private static double[] filled(int length, double value) {
        double[] values = new double[length];
        Arrays.fill(values, value);
        return values;
    }

    /** Adds one row's features (unscaled) and, for a label column, its label. */
    void addRow(double[] features, String label) {
        rows++;
        for (int i = 0; i < features.length; i++) {
            double value = features[i];
            min[i] = Math.min(min[i], value);
            max[i] = Math.max(max[i], value);
            // Welford's update, the one-row case of the pairwise merge.
            double delta = value - mean[i];
            mean[i] += delta / rows;
            squaredDeviations[i] += delta * (value - mean[i]);
        }
        if (label != null) {
            addLabel(label);
        }
    }

    private void addLabel(String label) {
        if (labels.size() < MAX_LABELS || labels.contains(label)) {
            labels.add(label);
        } else {
            isOverLabelLimit = true;
        }
    }

    /** Records a bad line; past {@link #MAX_PROBLEMS} it is only counted. */
    void addProblem(InputProblem problem) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(problem);
        }
        problemCount++;
    }

    /** Adds another profile, of the rows that follow this one's, into this one. */
    void merge(DataProfile other) {
        if (other.rows > 0 && rows == 0) {
            min = other.min.clone();
            max = other.max.clone();
            mean = other.mean.clone();
            squaredDeviations = other.squaredDeviations.clone();
        } else if (other.rows > 0) {
            double total = rows + other.rows;
            for (int i = 0; i < mean.length; i++) {
                min[i] = Math.min(min[i], other.min[i]);
                max[i] = Math.max(max[i], other.max[i]);
                double delta = other.mean[i] - mean[i];
                mean[i] += delta * other.rows / total;
                squaredDeviations[i] += other.squaredDeviations[i] + delta * delta * rows * other.rows / total;
            }
        }
        rows += other.rows;
        other.labels.forEach(this::addLabel);
        isOverLabelLimit |= other.isOverLabelLimit;
        for (InputProblem problem : other.problems) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(problem);
            }
        }
        problemCount += other.problemCount;
    }

    long rows() {
        return rows;
    }

    double[] min() {
        return min.clone();
    }

    double[] max() {
        return max.clone();
    }

    double[] mean() {
        return mean.clone();
    }

    /** Population standard deviation {@code sqrt(M2 / rows)} per feature. */
    double[] standardDeviation() {
        double[] deviations = new double[mean.length];
        for (int i = 0; i < deviations.length; i++) {
            deviations[i] = Math.sqrt(squaredDeviations[i] / rows);
        }
        return deviations;
    }

    /** Distinct labels seen, in text order. */
    List<String> labels() {
        return List.copyOf(labels);
    }

    boolean isOverLabelLimit() {
        return isOverLabelLimit;
    }

    List<InputProblem> problems() {
        return List.copyOf(problems);
    }

    long problemCount() {
        return problemCount;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeLong(rows);
        out.writeInt(mean.length);
        for (int i = 0; i < mean.length; i++) {
            out.writeDouble(min[i]);
            out.writeDouble(max[i]);
            out.writeDouble(mean[i]);
            out.writeDouble(squaredDeviations[i]);
        }
        out.writeInt(labels.size());
        for (String label : labels) {
            out.writeUTF(label);
        }
        out.writeBoolean(isOverLabelLimit);
        out.writeInt(problems.size());
        for (InputProblem problem : problems) {
            writeProblem(out, problem);
        }
        out.writeLong(problemCount);
    }

    private static void writeProblem(DataOutput out, InputProblem problem) throws IOException {
        out.writeUTF(problem.file());
        out.writeUTF(problem.location());
        out.writeUTF(problem.column());
        out.writeBoolean(problem.value() != null);
        out.writeUTF(problem.value() == null ? "" : problem.value());
        out.writeUTF(problem.message());
    }

    @Override
    public void readFields(DataInput in) throws IOException {
        rows = in.readLong();
        int featureCount = in.readInt();
        min = new double[featureCount];
        max = new double[featureCount];
        mean = new double[featureCount];
        squaredDeviations = new double[featureCount];
        for (int i = 0; i < featureCount; i++) {
            min[i] = in.readDouble();
            max[i] = in.readDouble();
            mean[i] = in.readDouble();
            squaredDeviations[i] = in.readDouble();
        }
        labels.clear();
        for (int i = in.readInt(); i > 0; i--) {
            labels.add(in.readUTF());
        }
        isOverLabelLimit = in.readBoolean();
        problems.clear();
        for (int i = in.readInt(); i > 0; i--) {
            String file = in.readUTF();
            String location = in.readUTF();
            String column = in.readUTF();
            boolean hasValue = in.readBoolean();
            String value = in.readUTF();
            problems.add(new InputProblem(file, location, column, hasValue ? value : null, in.readUTF()));
        }
        problemCount = in.readLong();
    }
}
