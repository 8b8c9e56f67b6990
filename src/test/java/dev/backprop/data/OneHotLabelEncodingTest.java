package dev.backprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.training.Examples;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One label column with an output wider than 1 is one-hot encoded, one output per class. */
class OneHotLabelEncodingTest {

    private static final Path IRIS = Fixtures.resource("data/iris.csv");

    private static final DatasetRequest LABEL_3 = new DatasetRequest(List.of(), List.of("label"), 3);

    @TempDir
    Path temporaryFolder;

    @Test
    void encodesIrisLabelsOneHot() {
        Dataset iris = CsvDatasetReader.read(IRIS, LABEL_3);
        Examples examples = iris.examples();

        assertEquals(150, examples.rows());
        assertEquals(List.of("sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"),
                iris.featureNames());
        assertEquals(List.of("0", "1", "2"), iris.classLabels());
        assertEquals(List.of("label=0", "label=1", "label=2"), iris.targetNames());
        assertEquals("label", iris.labelColumn());
        assertTrue(iris.isClassification());
        // Rows 1, 51 and 101 of the file (setosa, versicolor, virginica), values exact as parsed.
        assertArrayEquals(new double[] {5.1, 3.5, 1.4, 0.2}, Arrays.copyOfRange(examples.features(), 0, 4), 0.0);
        assertArrayEquals(new double[] {1, 0, 0}, Arrays.copyOfRange(examples.targets(), 0, 3), 0.0);
        assertArrayEquals(new double[] {0, 1, 0}, Arrays.copyOfRange(examples.targets(), 150, 153), 0.0);
        assertArrayEquals(new double[] {0, 0, 1}, Arrays.copyOfRange(examples.targets(), 300, 303), 0.0);
        assertArrayEquals(new double[] {50, 50, 50}, columnSums(examples), 0.0);
    }

    @Test
    void refusesFewerLabelsThanOutputs() {
        DatasetRequest request = new DatasetRequest(List.of(), List.of("label"), 10);

        InputDataException error = Fixtures.refuse(IRIS, request);

        Fixtures.assertProblem(error.problems().get(0), "iris.csv", "", "'label'", null);
        String expectedEnd = "column 'label': holds 3 distinct labels (\"0\", \"1\", \"2\") but the"
                + " output layer has 10 neurons, one per class; use an output width of 3";
        assertTrue(error.getMessage().endsWith(expectedEnd), error.getMessage());
    }

    @Test
    void refusesMoreLabelsThanOutputs() {
        DatasetRequest request = new DatasetRequest(List.of(), List.of("label"), 2);

        InputDataException error = Fixtures.refuse(IRIS, request);

        assertTrue(error.getMessage().contains("holds 3 distinct labels"), error.getMessage());
        assertTrue(error.getMessage().contains("has only 2 neurons"), error.getMessage());
    }

    @Test
    void ordersNumericLabelsByValue() {
        Path file = Fixtures.write(temporaryFolder, "numeric.csv", "x,c\n1,10\n2,9\n3, 1.5 \n4,-2\n");

        Dataset dataset = CsvDatasetReader.read(file, new DatasetRequest(List.of(), List.of("c"), 4));

        assertEquals(List.of("-2", "1.5", "9", "10"), dataset.classLabels());
        assertArrayEquals(new double[] {0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0},
                dataset.examples().targets(), 0.0);
    }

    @Test
    void ordersTextLabelsLexicographically() {
        Path file = Fixtures.write(temporaryFolder, "text.csv", "x,species\n1,virginica\n2,Setosa\n3,setosa\n");

        Dataset dataset = CsvDatasetReader.read(file, new DatasetRequest(List.of(), List.of("species"), 3));

        assertEquals(List.of("Setosa", "setosa", "virginica"), dataset.classLabels());
        assertEquals(List.of("species=Setosa", "species=setosa", "species=virginica"), dataset.targetNames());
        assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, dataset.examples().targets(), 0.0);
    }

    @Test
    void refusesEmptyLabel() {
        Path file = Fixtures.write(temporaryFolder, "empty_label.csv", "x,c\n1,a\n2, \n3,b\n");

        InputDataException error = Fixtures.refuse(file, new DatasetRequest(List.of(), List.of("c"), 2));

        Fixtures.assertProblem(error.problems().get(0), "empty_label.csv", "line 3", "'c'", " ");
    }

    private static double[] columnSums(Examples examples) {
        double[] sums = new double[examples.targetCount()];
        for (int i = 0; i < examples.targets().length; i++) {
            sums[i % examples.targetCount()] += examples.targets()[i];
        }
        return sums;
    }
}
