package dev.backprop.bench;

import dev.backprop.data.CsvDatasetReader;
import dev.backprop.data.DatasetRequest;
import dev.backprop.training.Examples;
import java.nio.file.Path;
import java.util.List;

/**
 * The benchmark datasets, in the form and scaling the reference trainers under
 * {@code shared/bench} use: features as in the file times a scale, targets one-hot.
 *
 * <p>Reads the CSV files of {@code shared/data} (header row, numbers, {@code label} last) through
 * the project's own reader, so the benchmark measures training on exactly what the job would load.
 */
final class BenchData {

    private BenchData() {}

    /** The XOR truth table. */
    static Examples xor() {
        return new Examples(4, 2, 1, new double[] {0, 0, 0, 1, 1, 0, 1, 1}, new double[] {0, 1, 1, 0});
    }

    /**
     * A labelled CSV file read with the job's own reader: every column but {@code label} is a
     * feature, multiplied by {@code scale}, and the labels are one-hot encoded over
     * {@code classes} outputs (numeric labels in numeric order, so label k is output k).
     */
    static Examples labelled(Path file, int classes, double scale) {
        Examples read = CsvDatasetReader.read(file, new DatasetRequest(List.of(), List.of("label"), classes))
                .examples();
        double[] features = read.features().clone();
        for (int i = 0; i < features.length; i++) {
            features[i] *= scale;
        }
        return new Examples(read.rows(), read.featureCount(), read.targetCount(), features, read.targets());
    }
}
