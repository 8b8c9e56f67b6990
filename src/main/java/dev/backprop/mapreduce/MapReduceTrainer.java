package dev.backprop.mapreduce;

import dev.backprop.data.CsvLineLayout;
import dev.backprop.data.Dataset;
import dev.backprop.data.InputDataException;
import dev.backprop.data.InputProblem;
import dev.backprop.data.Scaling;
import dev.backprop.training.EpochSummary;
import dev.backprop.training.Evaluation;
import dev.backprop.training.Examples;
import dev.backprop.training.GradientSum;
import dev.backprop.training.LearningRateSchedule;
import dev.backprop.training.LogEntry;
import dev.backprop.training.OptimizerSettings;
import dev.backprop.training.StopReason;
import dev.backprop.training.TrainingDivergedException;
import dev.backprop.training.TrainingListener;
import dev.backprop.training.TrainingResult;
import dev.backprop.training.TrainingSettings;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver of the MapReduce engine: trains one run with one MapReduce job per update, the data
 * staying in the cluster and only weights and sums travelling.
 *
 * <p>A run is: one profile job (row count, class labels, scaling statistics, every bad line, see
 * {@link DataProfile}); then one job per epoch, whose mappers sum gradients (or train copies, see
 * {@link MapReduceMode}) at the current weights, shipped in the job's distributed cache, and whose
 * single reducer adds the splits' sums in split order; the driver applies the update and reports
 * the error-log row. A last job evaluates the trained weights on every row. The same data and
 * splits give bitwise the same weights on every run. One instance trains one run on one thread.
 */
public final class MapReduceTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(MapReduceTrainer.class);

    private final Configuration conf;
    private final MapReduceRequest request;
    private final TrainingSettings settings;
    private final Path work;

    /**
     * @param conf the Hadoop configuration jobs are submitted with (cluster, file systems)
     */
    public MapReduceTrainer(Configuration conf, MapReduceRequest request) {
        this.conf = Objects.requireNonNull(conf, "conf");
        this.request = Objects.requireNonNull(request, "request");
        this.settings = request.training();
        this.work = new Path(request.workLocation());
    }

    /**
     * Trains {@code parameters} in place and reports the error log to {@code listener}.
     *
     * @throws InputDataException naming file, line (by byte offset), column and value of bad lines
     * @throws IllegalArgumentException if {@code batch_size} is below the row count in sum mode
     * @throws TrainingDivergedException when an error becomes NaN or infinite
     * @throws JobFailedException when a job fails on the cluster
     */
    public MapReduceOutcome train(double[] parameters, TrainingListener listener) {
        checkOptimizer();
        try {
            Path data = new Path(request.dataLocation());
            List<String> header = JobRunner.readHeader(conf, data);
            CsvLineLayout layout = CsvLineLayout.resolve(data.toString(), header, request.columns(), List.of());
            JobRunner jobs = new JobRunner(conf, request.runId(), data, work);

            StepSettings unscaled = stepSettings(data.toString(), header, List.of(), null);
            DataProfile profile = jobs.profile(unscaled);
            List<String> labels = checkProfile(data.toString(), profile);
            Scaling scaling = fitScaling(profile);
            checkBatchSize(profile.rows());
            StepSettings step = stepSettings(data.toString(), header, labels, scaling);

            TrainingResult result = trainEpochs(jobs, step, parameters, profile.rows(), listener);
            PartialSum evaluated = jobs.step(EvaluationMapper.class, step, parameters, "evaluate");
            Evaluation training = new Evaluation((int) evaluated.samples(), evaluated.error(),
                    evaluated.error() / evaluated.samples(), (double) evaluated.correct() / evaluated.samples());
            return new MapReduceOutcome(describe(data.toString(), layout, labels), scaling, result, training);
        } finally {
            WeightsFiles.deleteFolder(conf, work);
        }
    }

    private TrainingResult trainEpochs(
            JobRunner jobs, StepSettings step, double[] parameters, long rows, TrainingListener listener) {
        GradientSum update = new GradientSum(request.architecture(), settings.loss());
        long startNanos = System.nanoTime();
        double pendingError = 0.0;
        long pendingSamples = 0;
        double epochError = 0.0;
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            long epochStartNanos = System.nanoTime();
            PartialSum sum = request.mode() == MapReduceMode.SUM
                    ? jobs.step(GradientMapper.class, step, parameters, "epoch " + epoch)
                    : jobs.step(AveragingMapper.class, step, parameters, "epoch " + epoch);
            epochError = sum.error();
            if (!Double.isFinite(epochError)) {
                throw new TrainingDivergedException(epoch, epoch, epochError, settings.learningRate());
            }
            applyUpdate(update, parameters, sum);

            pendingError += epochError;
            pendingSamples += sum.samples();
            long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;
            // One update per epoch, so the local engine's rule "every log_every updates, and the
            // last epoch" reduces to this.
            if (settings.logEvery() <= 1 || epoch % settings.logEvery() == 0 || epoch == settings.epochs()) {
                listener.onLogEntry(new LogEntry(epoch, epoch, epoch * rows, pendingError,
                        pendingError / pendingSamples, Double.NaN, settings.learningRate(), elapsedMillis));
                pendingError = 0.0;
                pendingSamples = 0;
            }
            long nanos = Math.max(1, System.nanoTime() - epochStartNanos);
            listener.onEpochEnd(new EpochSummary(epoch, epochError, epochError / rows, Double.NaN,
                    rows * 1e9 / nanos, elapsedMillis));
        }
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        return new TrainingResult(settings.epochs(), settings.epochs(), settings.epochs() * rows, epochError,
                epochError / rows, millis, StopReason.EPOCHS_COMPLETED, 0, Double.NaN, settings.epochs());
    }

    private void applyUpdate(GradientSum update, double[] parameters, PartialSum sum) {
        if (request.mode() == MapReduceMode.SUM) {
            update.applyMeanStep(parameters, sum.values(), sum.samples(), settings.learningRate(),
                    settings.updateBiases());
            return;
        }
        double[] summedWeights = sum.values();
        for (int p = 0; p < parameters.length; p++) {
            parameters[p] = summedWeights[p] / sum.parts();
        }
    }

    private StepSettings stepSettings(String source, List<String> header, List<String> labels, Scaling scaling) {
        int featureCount = request.architecture().inputSize();
        Scaling applied = scaling != null ? scaling : Scaling.fit(
                new Examples(0, featureCount, 1, new double[0], new double[0]), Scaling.Kind.NONE);
        return new StepSettings(source, header, request.columns(), labels, applied.offsets(), applied.factors(),
                request.architecture(), settings.loss(), settings.learningRate(), settings.updateBiases());
    }

    /** Throws for bad lines, an empty file or a label count that does not fit; returns the labels. */
    private List<String> checkProfile(String source, DataProfile profile) {
        if (profile.problemCount() > 0) {
            throw new InputDataException(profile.problems(), profile.problemCount(), null);
        }
        if (profile.rows() == 0) {
            throw new InputDataException(List.of(new InputProblem(source, "", "", null,
                    "holds no training examples (0 rows)")));
        }
        if (!request.columns().isLabelEncoded()) {
            return List.of();
        }
        List<String> labels = CsvLineLayout.orderLabels(profile.labels());
        int width = request.columns().outputWidth();
        if (labels.size() != width || profile.isOverLabelLimit()) {
            String count = profile.isOverLabelLimit() ? "more than " + labels.size() : String.valueOf(labels.size());
            throw new InputDataException(List.of(new InputProblem(source, "",
                    InputProblem.columnLabel(request.columns().targetColumns().get(0)), null,
                    "holds " + count + " distinct labels but the output layer has " + width
                            + " neurons, one per class")));
        }
        return labels;
    }

    /** The scaling {@link Scaling#fit} would give on all rows, from the profile's statistics. */
    private Scaling fitScaling(DataProfile profile) {
        int featureCount = request.architecture().inputSize();
        double[] offsets = new double[featureCount];
        double[] factors = new double[featureCount];
        double[] min = profile.min();
        double[] max = profile.max();
        double[] mean = profile.mean();
        double[] deviation = profile.standardDeviation();
        for (int i = 0; i < featureCount; i++) {
            switch (request.scale()) {
                case NONE -> factors[i] = 1.0;
                case MINMAX -> {
                    offsets[i] = min[i];
                    factors[i] = factorFor(max[i] - min[i]);
                }
                case ZSCORE -> {
                    offsets[i] = mean[i];
                    factors[i] = factorFor(deviation[i]);
                }
            }
        }
        return new Scaling(request.scale(), offsets, factors);
    }

    /** As {@link Scaling}: a constant feature keeps factor 1. */
    private static double factorFor(double spread) {
        double factor = 1.0 / spread;
        return spread > 0 && Double.isFinite(factor) ? factor : 1.0;
    }

    private void checkOptimizer() {
        // Known shortcoming: the driver applies plain SGD with a constant learning rate; momentum,
        // Adam, Rprop, schedules, clipping and target_error would need the optimizer's state
        // here, which the training package keeps inside its Trainer.
        if (settings.optimizer().kind() != OptimizerSettings.Kind.SGD
                || settings.schedule().kind() != LearningRateSchedule.Kind.CONSTANT) {
            throw new IllegalArgumentException("optimizer=" + settings.optimizer().kind().name().toLowerCase(
                    java.util.Locale.ROOT) + " with engine=mapreduce: only optimizer=sgd with a constant learning"
                    + " rate is supported on the cluster");
        }
    }

    private void checkBatchSize(long rows) {
        if (request.mode() == MapReduceMode.SUM && settings.batchSize() != 0 && settings.batchSize() < rows) {
            // Known shortcoming: mini-batches would need each mapper to know its rows' global
            // positions (to cut batches and shuffle), which line-based input splits do not give;
            // one job per mini-batch would also cost a job start-up per batch. Users who want
            // many small steps per job use mapreduce_mode=average.
            throw new IllegalArgumentException("batch_size=" + settings.batchSize() + " with engine=mapreduce"
                    + " and mapreduce_mode=sum: each MapReduce job is one full-batch step over all " + rows
                    + " rows; set batch_size=0 (full batch) or >= " + rows + ", or use mapreduce_mode=average");
        }
    }

    private Dataset describe(String source, CsvLineLayout layout, List<String> labels) {
        int featureCount = layout.featureNames().size();
        int targetCount = request.architecture().outputSize();
        Examples none = new Examples(0, featureCount, targetCount, new double[0], new double[0]);
        if (labels.isEmpty()) {
            return new Dataset(source, layout.featureNames(), layout.targetNames(), List.of(), "", none);
        }
        String labelColumn = layout.targetNames().get(0);
        List<String> targetNames = labels.stream().map(label -> labelColumn + "=" + label).toList();
        LOG.debug("run {}: class labels {}", request.runId(), labels);
        return new Dataset(source, layout.featureNames(), targetNames, labels, labelColumn, none);
    }
}
