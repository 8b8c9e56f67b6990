package dev.backprop.training;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Small classification datasets for training tests, read from {@code src/test/resources/data}.
 *
 * <p>The files are copies of {@code shared/data} (see its README for sources and licenses): a
 * header row, feature columns, then an integer {@code label} column. This tiny parser stands in
 * for the project's CSV reader so that the training tests do not depend on the data package.
 */
final class TestDatasets {

    private TestDatasets() {}

    /** The XOR truth table, two inputs and one target. */
    static Examples xor() {
        return new Examples(4, 2, 1, new double[] {0, 0, 0, 1, 1, 0, 1, 1}, new double[] {0, 1, 1, 0});
    }

    /** Fisher's iris, 150 rows, features divided by 8, one-hot targets over 3 classes. */
    static Examples iris() {
        return labelled("data/iris.csv", 3, 1.0 / 8);
    }

    /** The 8x8 digits, 1,797 rows, pixels divided by 16, one-hot targets over 10 classes. */
    static Examples digits() {
        return labelled("data/digits.csv", 10, 1.0 / 16);
    }

    private static Examples labelled(String resource, int classes, double scale) {
        List<double[]> rows = readRows(resource);
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

    private static List<double[]> readRows(String resource) {
        try (InputStream in = TestDatasets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource missing: " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
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
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("reading test resource " + resource, e);
        }
    }
}
