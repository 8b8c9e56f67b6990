package dev.backprop.output;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.network.Activation;
import dev.backprop.network.Loss;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

    @TempDir
    Path folder;

    private static ModelDescription classifier() {
        return new ModelDescription(new int[] {2, 4, 3}, Activation.TANH, Activation.SOFTMAX, Loss.CROSS_ENTROPY,
                List.of("sepal length (cm)", "Code région"), List.of("setosa", "versicolor", "virginica"),
                List.of("setosa", "versicolor", "virginica"), Optional.of("species"),
                new ModelDescription.Scaling("standard", new double[] {5.843333333333334, 0.1 + 0.2},
                        new double[] {1.0 / 0.8280661279778629, 1e-300}));
    }

    @Test
    void modelDescriptionRoundTripsExactly() {
        Path file = folder.resolve(ModelFile.FILE_NAME);
        classifier().write(file);
        assertEquals(classifier(), ModelDescription.read(file));
    }

    @Test
    void regressionModelHasNullLabelColumnAndNoClassLabels() throws IOException {
        ModelDescription regression = new ModelDescription(new int[] {2, 2, 1}, Activation.SIGMOID,
                Activation.IDENTITY, Loss.SQUARED_ERROR, List.of("x", "y"), List.of("target value"), List.of(),
                Optional.empty(), new ModelDescription.Scaling("none", new double[0], new double[0]));
        Path file = folder.resolve(ModelFile.FILE_NAME);
        ModelFile.write(file, regression);

        String json = Files.readString(file, UTF_8);
        assertTrue(json.contains("\"label_column\" : null"), json);
        assertTrue(json.contains("\"loss\" : \"squared_error\""), json);
        assertEquals(regression, ModelFile.read(file));
        assertEquals(9, regression.architecture().parameterCount());
    }

    @Test
    void missingKeyIsNamed() {
        Path file = folder.resolve(ModelFile.FILE_NAME);
        JsonFiles.write(file, Map.of("layers", List.of(2, 1)));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ModelFile.read(file));
        assertTrue(error.getMessage().contains(file.toString()) && error.getMessage().contains("hidden_activation"),
                error.getMessage());
    }

    @Test
    void rejectsNameCountsThatDoNotMatchTheLayers() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new ModelDescription(new int[] {3, 1}, Activation.SIGMOID, Activation.SIGMOID,
                        Loss.SQUARED_ERROR, List.of("a", "b"), List.of("t"), List.of(), Optional.empty(),
                        new ModelDescription.Scaling("none", new double[0], new double[0])));
        assertTrue(error.getMessage().contains("feature_names"), error.getMessage());
    }
}
