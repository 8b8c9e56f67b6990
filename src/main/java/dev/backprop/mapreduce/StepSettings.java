package dev.backprop.mapreduce;

import dev.backprop.data.CsvLineLayout;
import dev.backprop.data.DatasetRequest;
import dev.backprop.network.Activation;
import dev.backprop.network.Architecture;
import dev.backprop.network.Loss;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;

/**
 * What a mapper needs to turn lines into examples and train on them, carried in the job's
 * {@link Configuration} under {@code backprop.*} keys. The weights are not among them: they travel
 * as a file in the job's distributed cache (see {@link WeightsFiles}).
 *
 * <p>Lists are stored URL-encoded and comma-joined, so that column names and labels may hold any
 * character; doubles as {@link Double#toString}, which reads back to the same bits.
 *
 * @param source the data file as shown in messages
 * @param header the file's column names
 * @param request the columns to read and the output width
 * @param classLabels labels in output order for a label column, else empty
 * @param offsets input scaling offsets, one per feature
 * @param factors input scaling factors, one per feature
 * @param architecture the network
 * @param loss the error minimized
 * @param learningRate step size for per-sample descent (averaging mode)
 * @param updateBiases whether per-sample descent changes biases
 */
record StepSettings(
        String source,
        List<String> header,
        DatasetRequest request,
        List<String> classLabels,
        double[] offsets,
        double[] factors,
        Architecture architecture,
        Loss loss,
        double learningRate,
        boolean updateBiases) {

    private static final String PREFIX = "backprop.";

    /** Stores the settings in a job configuration. */
    void writeTo(Configuration conf) {
        conf.set(PREFIX + "source", source);
        conf.set(PREFIX + "header", joinTexts(header));
        conf.set(PREFIX + "features", joinTexts(request.featureColumns()));
        conf.set(PREFIX + "targets", joinTexts(request.targetColumns()));
        conf.setInt(PREFIX + "output_width", request.outputWidth());
        conf.set(PREFIX + "labels", joinTexts(classLabels));
        conf.set(PREFIX + "offsets", joinNumbers(offsets));
        conf.set(PREFIX + "factors", joinNumbers(factors));
        conf.set(PREFIX + "layers", architecture.layersText());
        conf.set(PREFIX + "activation", architecture.hiddenActivation().configName());
        conf.set(PREFIX + "output_activation", architecture.outputActivation().configName());
        conf.set(PREFIX + "loss", loss.configName());
        conf.set(PREFIX + "learning_rate", Double.toString(learningRate));
        conf.setBoolean(PREFIX + "update_biases", updateBiases);
    }

    /**
     * Reads the settings a driver stored with {@link #writeTo}.
     *
     * @throws IllegalStateException if a key is missing
     */
    static StepSettings readFrom(Configuration conf) {
        // An empty list may come back as an absent key once the configuration went through job.xml.
        DatasetRequest request = new DatasetRequest(splitTexts(conf.get(PREFIX + "features", "")),
                splitTexts(required(conf, "targets")), conf.getInt(PREFIX + "output_width", 1));
        Architecture architecture = new Architecture(Architecture.parseLayerSizes(required(conf, "layers")),
                Activation.fromConfig(required(conf, "activation")),
                Activation.fromConfig(required(conf, "output_activation")));
        return new StepSettings(required(conf, "source"), splitTexts(required(conf, "header")), request,
                splitTexts(conf.get(PREFIX + "labels", "")), splitNumbers(required(conf, "offsets")),
                splitNumbers(required(conf, "factors")), architecture, Loss.fromConfig(required(conf, "loss")),
                Double.parseDouble(required(conf, "learning_rate")),
                conf.getBoolean(PREFIX + "update_biases", true));
    }

    /** The line parser for this data file. */
    CsvLineLayout layout() {
        return CsvLineLayout.resolve(source, header, request, classLabels);
    }

    private static String required(Configuration conf, String name) {
        String value = conf.get(PREFIX + name);
        if (value == null) {
            throw new IllegalStateException("job configuration lacks " + PREFIX + name
                    + "; was the job submitted by backprop's driver?");
        }
        return value;
    }

    private static String joinTexts(List<String> texts) {
        return texts.stream()
                .map(text -> URLEncoder.encode(text, StandardCharsets.UTF_8))
                .collect(Collectors.joining(","));
    }

    private static List<String> splitTexts(String joined) {
        List<String> texts = new ArrayList<>();
        if (joined.isEmpty()) {
            return texts;
        }
        for (String part : joined.split(",", -1)) {
            texts.add(URLDecoder.decode(part, StandardCharsets.UTF_8));
        }
        return texts;
    }

    private static String joinNumbers(double[] numbers) {
        return Arrays.stream(numbers).mapToObj(Double::toString).collect(Collectors.joining(","));
    }

    private static double[] splitNumbers(String joined) {
        return Arrays.stream(joined.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
