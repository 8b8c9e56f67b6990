package dev.backprop.bench;

import dev.backprop.training.Examples;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark datasets, in the form and scaling the reference trainers under
 * {@code shared/bench} use: features as in the file times a scale, targets one-hot.
 *
 * <p>Reads the plain, trusted CSV files of {@code shared/data} (header row, numbers, label last)
 * with a minimal parser; the project's own reader, with its error reporting, is for user data.
 */
final class BenchData {

    private BenchData() {}

    /** The XOR truth table. */
    static Examples xor() {
        return new Examples(4, 2, 1, new double[] {0, 0, 0, 1, 1, 0, 1, 1}, new double[] {0, 1, 1, 0});
    }

    /** A labelled CSV file with one-hot targets over {@code classes} and features times {@code scale}. */
    static Examples labelled(Path file, int classes, double scale) {
        List<double[]> rows = readRows(file);
        int featureCount = rows.get(0).length - 1;
        double[] features = new double[rows.size() * featureCount];
        double[] targets = new double[rows.size() * classes];
        for (int r = 0; r < rows.size(); r++) {
            double[] row = rows.get(r);
            for (int i = 0; i < featureCount; i++) {
                features[r * featureCount + i] = row[i] * scale;
            }
            targets[r * classes + (int) row[featureCount]] = 1.0;
        }
        return new Examples(rows.size(), featureCount, classes, features, targets);
    }

    private static List<double[]> readRows(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            reader.readLine(); // header
            List<double[]> rows = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    String[] fields = line.split(",");
                    double[] row = new double[fields.length];
                    for (int c = 0; c < fields.length; c++) {
                        row[c] = Double.parseDouble(fields[c]);
                    }
                    rows.add(row);
                }
            }
            if (rows.isEmpty()) {
                throw new IllegalArgumentException(file + ": no data rows");
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }
}
