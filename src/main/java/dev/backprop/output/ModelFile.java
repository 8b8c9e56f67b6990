package dev.backprop.output;

import dev.backprop.network.Activation;
import dev.backprop.network.Loss;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Stores a {@link ModelDescription} as {@code model.json}. The document looks like this (keys in
 * this order; {@code label_column} is null for regression):
 *
 * <pre>
 * {
 *   "layers" : [ 2, 2, 2 ],
 *   "hidden_activation" : "sigmoid",
 *   "output_activation" : "sigmoid",
 *   "loss" : "squared_error",
 *   "feature_names" : [ "sepal length (cm)", "Code région" ],
 *   "target_names" : [ "o1", "o2" ],
 *   "class_labels" : [ ],
 *   "label_column" : null,
 *   "scaling" : { "kind" : "standard", "offsets" : [ 5.8, 1.0 ], "factors" : [ 1.2, 0.5 ] }
 * }
 * </pre>
 */
public final class ModelFile {

    /** The file name used beside the weights. */
    public static final String FILE_NAME = "model.json";

    private ModelFile() {}

    /**
     * Writes {@code model} to {@code file}, replacing it if present.
     *
     * @throws java.io.UncheckedIOException naming the file if it cannot be written
     */
    public static void write(Path file, ModelDescription model) {
        Objects.requireNonNull(model, "model");
        JsonFiles.write(file, toDocument(model));
    }

    /**
     * Reads a model description from {@code file}.
     *
     * @throws IllegalArgumentException naming the file and key if the file is not JSON, a key is
     *     missing or has a value of the wrong kind, or the description is inconsistent
     * @throws java.io.UncheckedIOException naming the file if it cannot be read
     */
    public static ModelDescription read(Path file) {
        Map<String, Object> document = JsonFiles.read(file);
        try {
            return fromDocument(new Document(document));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> toDocument(ModelDescription model) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("layers", model.layers());
        document.put("hidden_activation", model.hiddenActivation().configName());
        document.put("output_activation", model.outputActivation().configName());
        document.put("loss", model.loss().configName());
        document.put("feature_names", model.featureNames());
        document.put("target_names", model.targetNames());
        document.put("class_labels", model.classLabels());
        document.put("label_column", model.labelColumn().orElse(null));
        Map<String, Object> scaling = new LinkedHashMap<>();
        scaling.put("kind", model.scaling().kind());
        scaling.put("offsets", model.scaling().offsets());
        scaling.put("factors", model.scaling().factors());
        document.put("scaling", scaling);
        return document;
    }

    private static ModelDescription fromDocument(Document document) {
        List<Number> layerSizes = document.list("layers", Number.class);
        int[] layers = layerSizes.stream().mapToInt(Number::intValue).toArray();
        // Arguments are read in file order, so the first missing key is the one reported.
        return new ModelDescription(
                layers,
                Activation.fromConfig(document.string("hidden_activation")),
                Activation.fromConfig(document.string("output_activation")),
                Loss.fromConfig(document.string("loss")),
                document.list("feature_names", String.class),
                document.list("target_names", String.class),
                document.list("class_labels", String.class),
                Optional.ofNullable(document.optionalString("label_column")),
                scaling(document.object("scaling")));
    }

    private static ModelDescription.Scaling scaling(Document scaling) {
        return new ModelDescription.Scaling(
                scaling.string("kind"), scaling.numbers("offsets"), scaling.numbers("factors"));
    }

    /** Typed access to the members of a parsed JSON object, with messages naming the key. */
    private record Document(Map<String, Object> members) {

        Object required(String key) {
            Object value = members.get(key);
            if (value == null) {
                throw new IllegalArgumentException("key '" + key + "' is missing or null");
            }
            return value;
        }

        <T> T typed(String key, Class<T> type, Object value) {
            if (!type.isInstance(value)) {
                throw new IllegalArgumentException("key '" + key + "' should hold a " + type.getSimpleName()
                        + " but holds '" + value + "'");
            }
            return type.cast(value);
        }

        String string(String key) {
            return typed(key, String.class, required(key));
        }

        String optionalString(String key) {
            Object value = members.get(key);
            return value == null ? null : typed(key, String.class, value);
        }

        <T> List<T> list(String key, Class<T> elementType) {
            List<T> elements = new ArrayList<>();
            for (Object element : typed(key, List.class, required(key))) {
                elements.add(typed(key, elementType, element));
            }
            return elements;
        }

        double[] numbers(String key) {
            return list(key, Number.class).stream().mapToDouble(Number::doubleValue).toArray();
        }

        @SuppressWarnings("unchecked")
        Document object(String key) {
            return new Document(typed(key, Map.class, required(key)));
        }
    }
}
