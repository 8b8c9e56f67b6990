package dev.backprop.cli;

import dev.backprop.data.Dataset;
import dev.backprop.data.HoldoutSplit;
import dev.backprop.data.ParquetExampleSource;
import dev.backprop.data.Scaling;
import dev.backprop.mapreduce.MapReduceOutcome;
import dev.backprop.output.ErrorLogWriter;
import dev.backprop.output.HadoopRunPublisher;
import dev.backprop.output.JsonFiles;
import dev.backprop.output.ModelDescription;
import dev.backprop.output.RunOutput;
import dev.backprop.output.WeightsFile;
import dev.backprop.training.EpochSummary;
import dev.backprop.training.Evaluation;
import dev.backprop.training.ExampleSource;
import dev.backprop.training.Examples;
import dev.backprop.training.LogEntry;
import dev.backprop.training.OptimizerSettings;
import dev.backprop.training.Trainer;
import dev.backprop.training.TrainingDivergedException;
import dev.backprop.training.TrainingListener;
import dev.backprop.training.TrainingResult;
import dev.backprop.training.TrainingSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one run and writes its outputs into a temporary folder that is moved into place as
 * {@code <output>/run=<id>} only when everything in it is complete.
 */
final class RunTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(RunTrainer.class);

    /**
     * At most one progress line per this many milliseconds, besides the first and last epoch, so
     * that a cron log of a million-epoch run stays readable; {@code --log-every-epoch} logs all.
     */
    static final long PROGRESS_INTERVAL_MILLIS = 2_000;

    private final RunSpec run;
    private final Dataset dataset;
    private final Optional<ParquetExampleSource> stream;
    private final double[] parameters;
    private final RunCheckpoints checkpoints;
    private final JobOptions options;

    /**
     * @param dataset the data in memory, or only its names when {@code stream} is present
     * @param stream the data read again each epoch, for {@code cache=stream}
     * @param checkpoints where the run saves its checkpoints and what it resumes from
     * @param options the job's command-line options (progress bar, logging)
     */
    RunTrainer(RunSpec run, Dataset dataset, Optional<ParquetExampleSource> stream, double[] initialParameters,
            RunCheckpoints checkpoints, JobOptions options) {
        this.run = run;
        this.dataset = dataset;
        this.stream = stream;
        this.parameters = initialParameters;
        this.checkpoints = checkpoints;
        this.options = options;
    }

    /**
     * Trains, writes every output and commits the run folder, then deletes the run's checkpoint;
     * on any failure leaves no trace of the run folder and keeps the checkpoint.
     */
    void trainAndCommit() {
        Scaling.Kind scaleKind = Scaling.Kind.fromConfig(run.scale());
        ExampleSource training;
        Examples validation;
        Scaling scaling;
        if (stream.isPresent()) {
            // Streamed data is never split: the job refuses validation_fraction > 0 with it.
            scaling = Scaling.fit(stream.get(), scaleKind);
            training = stream.get().scaledBy(scaling);
            validation = new Examples(0, training.featureCount(), training.targetCount(), new double[0],
                    new double[0]);
        } else {
            HoldoutSplit.Split split = HoldoutSplit.split(dataset.examples(), run.validationFraction(),
                    run.training().seed());
            scaling = Scaling.fit(split.training(), scaleKind);
            training = ExampleSource.inMemory(scaling.apply(split.training()));
            validation = scaling.apply(split.validation());
        }
        LOG.info("run {}: training layers={} on {} rows ({} held out{}), {} epochs, batch_size={}, learning_rate={}",
                run.runId(), run.architecture().layersText(), training.rows(), validation.rows(),
                stream.isPresent() ? ", streamed from Parquet each epoch" : "",
                run.training().epochs(), run.training().batchSize(), run.training().learningRate());

        warnAboutMiniBatchRprop(training.rows());

        ExampleSource trainingRows = training;
        commitWith(folder -> {
            Instant started = Instant.now();
            TrainingResult result = trainLoggingTo(folder, trainingRows, validation);
            writeModel(folder, scaling, dataset);
            Evaluation trained = Evaluation.of(run.architecture(), parameters, trainingRows, run.loss());
            Optional<Evaluation> held = validation.rows() == 0 ? Optional.empty()
                    : Optional.of(Evaluation.of(run.architecture(), parameters, validation, run.loss()));
            writeSummary(folder, result, dataset, trained, held, started);
        });
    }

    /**
     * Trains with the MapReduce engine ({@code engine=mapreduce}) and writes and commits the same
     * outputs as {@link #trainAndCommit()}; the data's names come from the cluster's profile job.
     */
    void trainOnClusterAndCommit(MapReduceRun cluster) {
        commitWith(folder -> {
            Instant started = Instant.now();
            MapReduceOutcome outcome;
            try (ErrorLogWriter errorLog =
                    ErrorLogWriter.open(folder.resolve("error_log.parquet"), run.compression())) {
                outcome = cluster.train(parameters, new Progress(errorLog, Optional.empty()));
            }
            LOG.info("run {}: trained {} epochs with engine=mapreduce, {} MapReduce jobs in {} ms, final error {}",
                    run.runId(), outcome.result().epochs(), outcome.result().steps() + 2,
                    outcome.result().trainingMillis(), outcome.result().finalError());
            writeModel(folder, outcome.scaling(), outcome.dataset());
            writeSummary(folder, outcome.result(), outcome.dataset(), outcome.training(), Optional.empty(), started);
        });
    }

    /**
     * Runs {@code writeAll} on the run's temporary folder and commits it (uploading it when the
     * output is remote), then deletes the run's checkpoint; on any failure leaves no trace of the
     * run folder.
     */
    private void commitWith(java.util.function.Consumer<Path> writeAll) {
        boolean isLocal = run.output().isLocal();
        Path localOutput = isLocal ? run.output().localPath() : stagingFolder();
        RunOutput output = RunOutput.begin(localOutput, run.runId());
        try {
            writeAll.accept(output.temporaryFolder());
            Path committed = output.commit();
            Object published = isLocal ? committed
                    : HadoopRunPublisher.publish(committed, run.output(), run.runId());
            LOG.info("run {}: outputs written to {}", run.runId(), published);
            checkpoints.discard();
        } catch (RuntimeException | Error e) {
            abortKeepingCause(output, e);
            checkpoints.afterFailure();
            throw e;
        } finally {
            if (!isLocal) {
                deleteStaging(localOutput);
            }
            checkpoints.close();
        }
    }

    private void warnAboutMiniBatchRprop(long trainingRows) {
        TrainingSettings settings = run.training();
        boolean isRprop = settings.optimizer().kind() == OptimizerSettings.Kind.RPROP;
        if (isRprop && settings.batchSize() != 0 && settings.batchSize() < trainingRows) {
            LOG.warn("run {}: optimizer=rprop with batch_size={} < {} training rows adapts its step sizes per "
                    + "mini-batch, which is noisier than the classic full-batch method; set batch_size=0 for "
                    + "full-batch Rprop", run.runId(), settings.batchSize(), trainingRows);
        }
    }

    /** A local folder to write a run's files into before they are uploaded to a remote output. */
    private static Path stagingFolder() {
        try {
            return Files.createTempDirectory("backprop-output-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a local staging folder", e);
        }
    }

    private static void deleteStaging(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete local staging folder {}: {}", folder, e.getMessage());
        }
    }

    /** Deletes the unfinished folder; a failure to do so must not hide why the run failed. */
    private static void abortKeepingCause(RunOutput output, Throwable cause) {
        try {
            output.abort();
        } catch (RuntimeException abortFailure) {
            cause.addSuppressed(abortFailure);
        }
    }

    private TrainingResult trainLoggingTo(Path folder, ExampleSource training, Examples validation) {
        Optional<TerminalProgress> bar = options.isProgressBarAllowed()
                ? TerminalProgress.startIfTerminal(run.runId(), run.training().epochs())
                : Optional.empty();
        try (ErrorLogWriter errorLog = ErrorLogWriter.open(folder.resolve("error_log.parquet"), run.compression())) {
            Trainer trainer = checkpoints.startTrainer(new Progress(errorLog, bar));
            TrainingResult result = trainKeepingCheckpoint(trainer, training, validation);
            bar.ifPresent(TerminalProgress::close);
            LOG.info("run {}: trained {} epochs ({}), {} updates in {} ms ({} samples/s), final error {}",
                    run.runId(), result.epochs(), result.stopReason().configName(), result.steps(),
                    result.trainingMillis(), String.format(Locale.ROOT, "%.0f", result.samplesPerSecond()),
                    result.finalError());
            if (result.weightsEpoch() != result.epochs()) {
                LOG.info("run {}: keeping the weights of epoch {}, the best validation error {}", run.runId(),
                        result.weightsEpoch(), result.bestValidationError());
            }
            return result;
        } finally {
            bar.ifPresent(TerminalProgress::close);
        }
    }

    private TrainingResult trainKeepingCheckpoint(Trainer trainer, ExampleSource training, Examples validation) {
        try {
            return trainer.train(parameters, training, validation);
        } catch (TrainingDivergedException e) {
            throw e.withNote(checkpoints.keepAfterDivergence(dataset));
        }
    }

    private void writeModel(Path folder, Scaling scaling, Dataset dataset) {
        WeightsFile.write(folder.resolve("weights.csv"), folder.resolve("weights.parquet"), run.architecture(),
                parameters, dataset.featureNames(), dataset.targetNames(), run.compression());
        ModelDescription model = new ModelDescription(run.architecture().layerSizes(),
                run.architecture().hiddenActivation(), run.architecture().outputActivation(), run.loss(),
                dataset.featureNames(), dataset.targetNames(), dataset.classLabels(),
                dataset.labelColumn().isEmpty() ? Optional.empty() : Optional.of(dataset.labelColumn()),
                new ModelDescription.Scaling(scaling.kind().configName(), scaling.offsets(), scaling.factors()));
        model.write(folder.resolve("model.json"));
    }

    private void writeSummary(Path folder, TrainingResult result, Dataset dataset, Evaluation trained,
            Optional<Evaluation> validation, Instant started) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("run", run.runId());
        summary.put("hyperparameters", run.settings());
        summary.put("final_error", result.finalError());
        summary.put("final_mean_error", result.finalMeanError());
        summary.put("training_error", trained.error());
        summary.put("training_rows", trained.rows());
        summary.put("validation_rows", validation.map(Evaluation::rows).orElse(0));
        summary.put("rows_skipped", dataset.rowsSkipped());
        summary.put("cache", stream.isPresent() ? "stream" : "memory");
        if (dataset.isClassification() || run.architecture().outputSize() == 1) {
            summary.put("training_accuracy", trained.accuracy());
        }
        if (validation.isPresent()) {
            Evaluation held = validation.get();
            summary.put("validation_error", held.error());
            if (dataset.isClassification() || run.architecture().outputSize() == 1) {
                summary.put("validation_accuracy", held.accuracy());
            }
        }
        summary.put("epochs", result.epochs());
        summary.put("steps", result.steps());
        summary.put("samples_seen", result.samplesSeen());
        summary.put("stop_reason", result.stopReason().configName());
        if (result.bestEpoch() > 0) {
            summary.put("best_epoch", result.bestEpoch());
            summary.put("best_validation_error", result.bestValidationError());
        }
        summary.put("weights_epoch", result.weightsEpoch());
        summary.put("training_ms", result.trainingMillis());
        summary.put("samples_per_second", result.samplesPerSecond());
        summary.put("started_at", started.toString());
        summary.put("finished_at", Instant.now().toString());
        summary.put("data", run.data().toString());
        summary.put("fingerprint", checkpoints.fingerprint());
        summary.put("resumed_from_epoch", checkpoints.resumedFromEpoch());
        JsonFiles.write(folder.resolve("summary.json"), summary);

        if (summary.containsKey("training_accuracy")) {
            LOG.info("run {}: training accuracy {}{}", run.runId(), summary.get("training_accuracy"),
                    validation.isPresent() ? ", validation accuracy " + summary.get("validation_accuracy") : "");
        }
    }

    /**
     * Writes the error log and reports progress: on a terminal by the progress bar, otherwise by
     * an INFO line for the first and last epoch and at most one per
     * {@link #PROGRESS_INTERVAL_MILLIS} between (every epoch with {@code --log-every-epoch}).
     * With a bar, the epoch lines go to DEBUG, because a log line would tear the bar's line.
     */
    private final class Progress implements TrainingListener {
        private final ErrorLogWriter errorLog;
        private final Optional<TerminalProgress> bar;
        private long lastReportMillis = -PROGRESS_INTERVAL_MILLIS;

        Progress(ErrorLogWriter errorLog, Optional<TerminalProgress> bar) {
            this.errorLog = errorLog;
            this.bar = bar;
        }

        @Override
        public void onLogEntry(LogEntry entry) {
            errorLog.append(run.runId(), entry.epoch(), entry.step(), entry.samplesSeen(), entry.error(),
                    entry.meanError(), entry.validationError(), entry.learningRate(), entry.elapsedMillis());
        }

        @Override
        public void onEpochEnd(EpochSummary summary) {
            bar.ifPresent(progress -> progress.update(summary.epoch(), summary.meanTrainingError()));
            boolean isEdge = summary.epoch() == 1 || summary.epoch() == run.training().epochs();
            boolean isDue = options.isLoggingEveryEpoch() || isEdge
                    || summary.elapsedMillis() - lastReportMillis >= PROGRESS_INTERVAL_MILLIS;
            if (!isDue || (bar.isPresent() && !LOG.isDebugEnabled())) {
                return;
            }
            lastReportMillis = summary.elapsedMillis();
            String line = String.format(Locale.ROOT, "run %s: epoch %d/%d error %s mean %s%s (%.0f samples/s)",
                    run.runId(), summary.epoch(), run.training().epochs(), format(summary.trainingError()),
                    format(summary.meanTrainingError()),
                    Double.isNaN(summary.validationError()) ? "" : " validation " + format(summary.validationError()),
                    summary.samplesPerSecond());
            if (bar.isPresent()) {
                LOG.debug(line);
            } else {
                LOG.info(line);
            }
        }

        private static String format(double value) {
            return String.format(Locale.ROOT, "%.6g", value);
        }
    }
}
