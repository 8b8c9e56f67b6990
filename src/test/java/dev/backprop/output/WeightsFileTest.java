package dev.backprop.output;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.network.Activation;
import dev.backprop.network.Architecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WeightsFileTest {

    private static final long SEED = 20240917L;

    private static final Architecture WORKED_EXAMPLE = architecture(2, 2, 2);

    /** The worked example's initial weights w1..w8 and biases b1, b2 (Mazur, 2015). */
    private static final double[] W = {0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55};

    private static final double B1 = 0.35;
    private static final double B2 = 0.60;

    @TempDir
    Path folder;

    static Architecture architecture(int... layers) {
        return new Architecture(layers, Activation.SIGMOID, Activation.SIGMOID);
    }

    /** Seeded values plus the doubles whose text forms are easiest to get wrong. */
    static double[] parameters(Architecture architecture) {
        Random random = new Random(SEED);
        double[] parameters = random.doubles(architecture.parameterCount(), -3, 3).toArray();
        double[] awkward = {-0.0, Double.MIN_VALUE, Double.MAX_VALUE, 1e-300, 0.1 + 0.2, -1.0 / 3, 1e22, 5e-324};
        System.arraycopy(awkward, 0, parameters, 0, Math.min(awkward.length, parameters.length));
        return parameters;
    }

    static List<String> names(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + " " + i).toList();
    }

    private double[] workedExampleParameters() {
        double[] parameters = new double[WORKED_EXAMPLE.parameterCount()];
        // Input-major layout: the weight from input i to neuron j at weightOffset + i * size + j.
        for (int layer = 1; layer <= 2; layer++) {
            int first = (layer - 1) * 4;
            int offset = WORKED_EXAMPLE.weightOffset(layer);
            parameters[offset] = W[first];
            parameters[offset + 2] = W[first + 1];
            parameters[offset + 1] = W[first + 2];
            parameters[offset + 3] = W[first + 3];
            int bias = WORKED_EXAMPLE.biasOffset(layer);
            parameters[bias] = layer == 1 ? B1 : B2;
            parameters[bias + 1] = layer == 1 ? B1 : B2;
        }
        return parameters;
    }

    private Path csv() {
        return folder.resolve("weights.csv");
    }

    private Path parquet() {
        return folder.resolve("weights.parquet");
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2,2,2", "64,32,10", "3,1", "5,4,3,2"})
    void csvAndParquetRoundTripBitwise(String layers) {
        Architecture architecture = architecture(Architecture.parseLayerSizes(layers));
        double[] parameters = parameters(architecture);

        WeightsFile.write(csv(), parquet(), architecture, parameters,
                names("feature", architecture.inputSize()), names("output", architecture.outputSize()), "snappy");

        assertArrayEquals(bits(parameters), bits(WeightsFile.read(csv(), architecture)), "csv, seed " + SEED);
        assertArrayEquals(bits(parameters), bits(WeightsFile.read(parquet(), architecture)), "parquet, seed " + SEED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"snappy", "zstd", "gzip", "uncompressed", "SNAPPY"})
    void everyCompressionRoundTrips(String compression) {
        double[] parameters = parameters(WORKED_EXAMPLE);
        WeightsFile.write(csv(), parquet(), WORKED_EXAMPLE, parameters, List.of(), List.of(), compression);
        assertArrayEquals(bits(parameters), bits(WeightsFile.read(parquet(), WORKED_EXAMPLE)));
    }

    @Test
    void csvListsWorkedExampleInNeuronThenInputOrderWithBiasLast() throws IOException {
        WeightsFile.write(csv(), parquet(), WORKED_EXAMPLE, workedExampleParameters(),
                List.of("i1", "i2"), List.of("o1", "o2"), "snappy");

        List<String> expected = List.of(
                "layer,neuron,input,value,input_name,neuron_name",
                "1,0,0,0.15,i1,", "1,0,1,0.2,i2,", "1,0,-1,0.35,bias,",
                "1,1,0,0.25,i1,", "1,1,1,0.3,i2,", "1,1,-1,0.35,bias,",
                "2,0,0,0.4,,o1", "2,0,1,0.45,,o1", "2,0,-1,0.6,bias,o1",
                "2,1,0,0.5,,o2", "2,1,1,0.55,,o2", "2,1,-1,0.6,bias,o2");
        assertEquals(expected, Files.readAllLines(csv(), UTF_8));
        assertTrue(Files.readString(csv(), UTF_8).contains("\r\n"), "RFC 4180 line ends");
    }

    @Test
    void readsFilesWithOnlyTheCoreColumnsInAnyOrder() throws IOException {
        Files.writeString(csv(), "value,input,neuron,layer\r\n"
                + "0.15,0,0,1\n0.2,1,0,1\n0.35,-1,0,1\n0.25,0,1,1\n0.3,1,1,1\n0.35,-1,1,1\n"
                + "0.4,0,0,2\n0.45,1,0,2\n0.6,-1,0,2\n0.5,0,1,2\n0.55,1,1,2\n 0.6 , -1 ,1,2\n\n", UTF_8);
        assertArrayEquals(bits(workedExampleParameters()), bits(WeightsFile.read(csv(), WORKED_EXAMPLE)));
    }

    @Test
    void skipsByteOrderMarkWrittenBySpreadsheets() throws IOException {
        WeightsFile.write(csv(), parquet(), WORKED_EXAMPLE, workedExampleParameters(), List.of(), List.of(), "gzip");
        Files.writeString(csv(), "\uFEFF" + Files.readString(csv(), UTF_8), UTF_8);
        assertArrayEquals(bits(workedExampleParameters()), bits(WeightsFile.read(csv(), WORKED_EXAMPLE)));
    }

    private List<String> writeWorkedExampleCsvLines() throws IOException {
        WeightsFile.write(csv(), parquet(), WORKED_EXAMPLE, workedExampleParameters(), List.of(), List.of(), "snappy");
        return new ArrayList<>(Files.readAllLines(csv(), UTF_8));
    }

    private WeightsFileException readCsvExpectingError(List<String> lines) throws IOException {
        Files.write(csv(), lines, UTF_8);
        return assertThrows(WeightsFileException.class, () -> WeightsFile.read(csv(), WORKED_EXAMPLE));
    }

    private static void assertNames(WeightsFileException error, String... parts) {
        for (String part : parts) {
            assertTrue(error.getMessage().contains(part), "'" + part + "' missing from: " + error.getMessage());
        }
    }

    @Test
    void missingWeightIsNamedWithTheExpectedShape() throws IOException {
        List<String> lines = writeWorkedExampleCsvLines();
        lines.remove(4); // 1,1,0: the weight from input 0 to neuron 1 of layer 1

        WeightsFileException error = readCsvExpectingError(lines);

        assertNames(error, csv().toString(), "layer 1, neuron 1, input 0", "missing",
                "layers=2,2,2 expects 12 rows, found 11");
        assertEquals(WeightsFileException.WHOLE_FILE, error.location());
    }

    @Test
    void duplicateWeightNamesBothLines() throws IOException {
        List<String> lines = writeWorkedExampleCsvLines();
        lines.add("1,0,-1,0.5,,");

        WeightsFileException error = readCsvExpectingError(lines);

        assertNames(error, csv().toString(), "line 14", "'1,0,-1'", "line 4", "layers=2,2,2 expects 12 rows");
        assertEquals("line 14", error.location());
    }

    @Test
    void nonNumericValueNamesLineColumnAndText() throws IOException {
        List<String> lines = writeWorkedExampleCsvLines();
        lines.set(4, "1,1,0,abc,,");

        WeightsFileException error = readCsvExpectingError(lines);

        assertNames(error, csv().toString(), "line 5", "column value", "'abc'", "layers=2,2,2 expects 12 rows");
        assertEquals("value", error.column().orElseThrow());
        assertEquals("abc", error.value().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "1.5d", "0x1p3", ""})
    void rejectsValuesThatAreNotFiniteDecimals(String text) throws IOException {
        List<String> lines = writeWorkedExampleCsvLines();
        lines.set(2, "1,0,1," + text + ",,");

        WeightsFileException error = readCsvExpectingError(lines);

        assertNames(error, "line 3", "column value", "'" + text + "'");
    }

    @Test
    void wrongShapeNamesTheRowThatDoesNotFitInCsvAndParquet() {
        Architecture deeper = architecture(2, 2, 2, 2);
        WeightsFile.write(csv(), parquet(), deeper, parameters(deeper), List.of(), List.of(), "snappy");

        WeightsFileException csvError =
                assertThrows(WeightsFileException.class, () -> WeightsFile.read(csv(), WORKED_EXAMPLE));
        WeightsFileException parquetError =
                assertThrows(WeightsFileException.class, () -> WeightsFile.read(parquet(), WORKED_EXAMPLE));

        assertNames(csvError, "line 14", "column layer", "'3'", "layer 3 does not exist",
                "layers=2,2,2 expects 12 rows");
        assertNames(parquetError, parquet().toString(), "row 13", "column layer", "'3'", "layer 3 does not exist",
                "layers=2,2,2 expects 12 rows");
        assertEquals("row 13", parquetError.location());
    }

    @Test
    void outOfRangeNeuronAndInputAreNamed() throws IOException {
        List<String> lines = writeWorkedExampleCsvLines();
        lines.set(1, "1,2,0,0.1,,");
        assertNames(readCsvExpectingError(lines), "line 2", "column neuron", "'2'", "neurons are 0..1");

        lines = writeWorkedExampleCsvLines();
        lines.set(1, "1,0,-2,0.1,,");
        assertNames(readCsvExpectingError(lines), "line 2", "column input", "'-2'", "-1 for the bias");
    }

    @Test
    void missingCoreColumnIsNamed() throws IOException {
        WeightsFileException error = readCsvExpectingError(List.of("layer,neuron,weight", "1,0,0.5"));
        assertNames(error, "line 1", "column input");
    }

    @Test
    void rejectsUnknownExtensionAndMismatchedSizes() {
        assertThrows(IllegalArgumentException.class, () -> WeightsFile.read(folder.resolve("w.txt"), WORKED_EXAMPLE));
        IllegalArgumentException wrongCount = assertThrows(IllegalArgumentException.class,
                () -> WeightsFile.write(
                        csv(), parquet(), WORKED_EXAMPLE, new double[11], List.of(), List.of(), "snappy"));
        assertTrue(wrongCount.getMessage().contains("11"), wrongCount.getMessage());
        IllegalArgumentException codec = assertThrows(IllegalArgumentException.class,
                () -> WeightsFile.write(
                        csv(), parquet(), WORKED_EXAMPLE, new double[12], List.of(), List.of(), "lzo"));
        assertTrue(codec.getMessage().contains("compression: 'lzo'"), codec.getMessage());
    }
}
