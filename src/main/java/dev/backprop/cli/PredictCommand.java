package dev.backprop.cli;

import dev.backprop.network.Network;
import dev.backprop.output.ColumnNames;
import dev.backprop.output.PredictionWriter;
import dev.backprop.output.TrainedModel;
import dev.backprop.training.Examples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backprop predict MODEL DATA}: applies a trained network to new rows. */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = {
            "Applies a trained network to the rows of DATA, with the scaling and class labels stored in model.json.",
            "Writes one row per input row: 'row' (0-based data row) or the --id-column, one column per output"
                    + " (target names in snake_case, e.g. species=setosa -> species_setosa) and, for"
                    + " classification, predicted_label and probability (the largest output).",
            "Target columns need not be present in DATA. Rows are streamed in blocks of 4096."
        },
        footer = ExitCode.HELP_TEXT)
final class PredictCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(PredictCommand.class);

    @Parameters(index = "0", paramLabel = "MODEL",
            description = "a run folder (out/iris/run=lr0.05) or its weights file")
    private Path model;

    @Parameters(index = "1", paramLabel = "DATA",
            description = "rows to predict: a CSV file with a header row, a Parquet file or a folder of"
                    + " Parquet part files")
    private Path data;

    @Option(names = "--output", paramLabel = "FILE", description = "a .csv or .parquet file; default: CSV on stdout")
    private Path output;

    @Option(names = "--id-column", paramLabel = "NAME",
            description = "copy this column of DATA as the first column instead of the row number")
    private String idColumn;

    @Mixin
    private LoggingOptions logging;

    @Override
    public Integer call() {
        TrainedModel trained = TrainedModel.load(model);
        PredictionWriter.Columns columns = columnsFor(trained);
        // Written under a hidden temporary name and moved into place when complete, so a failure
        // never leaves a partial file (or replaces an earlier one) under the name asked for.
        Optional<Path> partial = Optional.ofNullable(output).map(PredictCommand::temporaryNameFor);
        try {
            predictInto(trained, columns, partial);
            if (partial.isPresent()) {
                Files.move(partial.get(), output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move predictions into place as " + output + ": " + e, e);
        } finally {
            partial.ifPresent(PredictCommand::deleteQuietly);
        }
        return ExitCode.SUCCESS;
    }

    private void predictInto(TrainedModel trained, PredictionWriter.Columns columns, Optional<Path> file) {
        try (ModelRows rows = ModelRows.open(data, trained, Optional.ofNullable(idColumn), false);
                PredictionWriter writer = PredictionWriter.open(file, System.out, columns)) {
            for (Optional<ModelRows.Block> block = rows.nextBlock(row -> true); block.isPresent();
                    block = rows.nextBlock(row -> true)) {
                writeBlock(trained, block.get(), writer);
            }
            LOG.info("predicted {} rows of {} with {} into {}", writer.rowCount(), rows.source(),
                    trained.folder(), output == null ? "standard output" : output);
        }
    }

    private static Path temporaryNameFor(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        // Keep the extension: the writer picks CSV or Parquet by it.
        return file.resolveSibling("." + (dot < 0 ? name : name.substring(0, dot)) + ".tmp-"
                + ProcessHandle.current().pid() + (dot < 0 ? "" : name.substring(dot)));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete the unfinished {}: {}", file, e.getMessage());
        }
    }

    private PredictionWriter.Columns columnsFor(TrainedModel trained) {
        String id = idColumn == null ? "row" : ColumnNames.snakeCase(idColumn);
        List<String> targetNames = trained.description().targetNames();
        List<String> outputs = ColumnNames.uniqueSnakeCase(targetNames,
                Set.of(id, "predicted_label", "probability"));
        if (!outputs.equals(targetNames)) {
            LOG.info("output columns {} are the targets {}", outputs, targetNames);
        }
        return new PredictionWriter.Columns(id, idColumn == null, outputs, trained.isClassification());
    }

    private static void writeBlock(TrainedModel trained, ModelRows.Block block, PredictionWriter writer) {
        Network network = trained.network();
        Examples examples = block.examples();
        int featureCount = examples.featureCount();
        List<String> labels = trained.description().classLabels();
        for (int r = 0; r < examples.rows(); r++) {
            double[] input = Arrays.copyOfRange(examples.features(), r * featureCount, (r + 1) * featureCount);
            double[] outputs = network.predict(input);
            int best = argMax(outputs);
            writer.write(block.ids()[r], outputs, labels.isEmpty() ? null : labels.get(best), outputs[best]);
        }
    }

    /** Index of the largest value; the first one on ties, as training's accuracy counts it. */
    static int argMax(double[] values) {
        int best = 0;
        for (int k = 1; k < values.length; k++) {
            if (values[k] > values[best]) {
                best = k;
            }
        }
        return best;
    }
}
