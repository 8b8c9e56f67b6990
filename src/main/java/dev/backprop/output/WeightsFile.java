package dev.backprop.output;

import dev.backprop.network.Architecture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a trained network's weights as a table, one row per weight or bias, in CSV and Parquet,
 * and reads such a table back into a flat parameter array.
 *
 * <p>Columns, the same in both formats:
 *
 * <ul>
 *   <li>{@code layer} (INT32): the weight layer, 1 for the weights from input layer 0 to layer 1;
 *   <li>{@code neuron} (INT32): the 0-based neuron of that layer the weight leads to;
 *   <li>{@code input} (INT32): the 0-based neuron of the previous layer, or -1 for the bias;
 *   <li>{@code value} (DOUBLE): the weight;
 *   <li>{@code input_name} (optional STRING): the feature name for layer-1 inputs, {@code bias}
 *       for biases, else null (empty in CSV);
 *   <li>{@code neuron_name} (optional STRING): the output name for output-layer neurons, else null.
 * </ul>
 *
 * <p>Rows come layer by layer, neuron by neuron, with each neuron's inputs {@code 0..n-1} followed
 * by its bias. Feature and output names are stored as values, never as column names, so any
 * text (spaces, parentheses, non-ASCII letters) round-trips exactly.
 *
 * <p>Where each row's value sits in the flat parameter array is decided by
 * {@link Architecture#weightIndex} and {@link Architecture#biasIndex}; the files themselves do not
 * depend on that layout.
 */
public final class WeightsFile {

    private static final Logger LOG = LoggerFactory.getLogger(WeightsFile.class);

    /** All columns, in file order. */
    static final List<String> COLUMNS =
            List.of("layer", "neuron", "input", "value", "input_name", "neuron_name");

    /** The columns a file must have to be read; the name columns are informative only. */
    static final List<String> REQUIRED_COLUMNS = COLUMNS.subList(0, 4);

    private WeightsFile() {}

    /**
     * Writes the weights to a CSV file and a Parquet file, replacing either if present.
     *
     * @param csvFile the CSV file to write, usually {@code weights.csv}
     * @param parquetFile the Parquet file to write, usually {@code weights.parquet}
     * @param architecture the network's shape
     * @param parameters all weights and biases, {@code architecture.parameterCount()} of them
     * @param featureNames one name per input, or empty when the inputs are unnamed
     * @param outputNames one name per output, or empty when the outputs are unnamed
     * @param compression Parquet codec: {@code snappy}, {@code zstd}, {@code gzip} or
     *     {@code uncompressed}
     * @throws IllegalArgumentException if an array or list has the wrong length, or the codec is
     *     unknown
     * @throws UncheckedIOException naming the file if it cannot be written
     */
    public static void write(Path csvFile, Path parquetFile, Architecture architecture, double[] parameters,
            List<String> featureNames, List<String> outputNames, String compression) {
        Objects.requireNonNull(csvFile, "csvFile");
        Objects.requireNonNull(parquetFile, "parquetFile");
        checkSizes(architecture, parameters, featureNames, outputNames);
        ParquetFiles.codec(compression);
        try {
            WeightsCsv.write(csvFile, new WeightRows(architecture, featureNames, outputNames), parameters);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write weights " + csvFile, e);
        }
        WeightRows rows = new WeightRows(architecture, featureNames, outputNames);
        try {
            WeightsParquet.write(parquetFile, rows, parameters, compression);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write weights " + parquetFile, e);
        }
        LOG.info("Wrote {} and {} with {} rows", csvFile, parquetFile, parameters.length);
    }

    private static void checkSizes(Architecture architecture, double[] parameters,
            List<String> featureNames, List<String> outputNames) {
        Objects.requireNonNull(architecture, "architecture");
        if (parameters.length != architecture.parameterCount()) {
            throw new IllegalArgumentException("layers=" + architecture.layersText() + " has "
                    + architecture.parameterCount() + " parameters, got " + parameters.length);
        }
        checkNames("featureNames", featureNames, architecture.inputSize());
        checkNames("outputNames", outputNames, architecture.outputSize());
    }

    private static void checkNames(String what, List<String> names, int expected) {
        Objects.requireNonNull(names, what);
        if (!names.isEmpty() && names.size() != expected) {
            throw new IllegalArgumentException(
                    what + " has " + names.size() + " names, expected " + expected + " or none: " + names);
        }
    }

    /**
     * Reads a weights table written by {@link #write} (or edited by another tool) and returns the
     * parameters in the flat layout of {@code architecture}.
     *
     * <p>The format follows the extension: {@code .csv} or {@code .parquet}. Only the columns
     * {@code layer}, {@code neuron}, {@code input} and {@code value} are needed, in any order;
     * others are ignored. In CSV, surrounding spaces are trimmed and blank lines skipped.
     *
     * @throws WeightsFileException naming the file, the line (CSV, header = line 1) or row
     *     (Parquet, from 1), the column and the value, plus the expected shape, if a weight or bias
     *     is missing or repeated, an index is out of range or not a whole number, or a value is not
     *     a finite number
     * @throws IllegalArgumentException if the extension is neither {@code .csv} nor {@code .parquet}
     * @throws UncheckedIOException naming the file if it cannot be read
     */
    public static double[] read(Path file, Architecture architecture) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(architecture, "architecture");
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".csv")) {
                return WeightsCsv.read(file, architecture);
            }
            if (name.endsWith(".parquet")) {
                return WeightsParquet.read(file, architecture);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read weights " + file, e);
        }
        throw new IllegalArgumentException("weights file " + file + " must end in .csv or .parquet");
    }
}
