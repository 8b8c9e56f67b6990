package dev.backprop.cli;

import dev.backprop.data.Dataset;
import dev.backprop.output.WeightsFile;
import dev.backprop.training.Checkpoint;
import dev.backprop.training.CheckpointFolder;
import dev.backprop.training.EpochSummary;
import dev.backprop.training.LogEntry;
import dev.backprop.training.Trainer;
import dev.backprop.training.TrainingListener;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's checkpoints: where they live, when they are saved, how a run continues from one, and
 * what becomes of them when the run commits or diverges.
 *
 * <p>A run's checkpoint is {@code <output>/.checkpoints/run=<id>/}. The folder is hidden, so the
 * {@code run=*} globs of DuckDB and Spark do not read it, and it lives under the output folder, so
 * the job's output lock covers it. It is saved after epochs that {@link RunSpec#checkpoints()}
 * makes due, deleted once the run's outputs are committed, and kept when the run diverges, with
 * the weights of its epoch written next to it as {@code weights.csv} and {@code weights.parquet}.
 *
 * <p>Belongs to one run's thread.
 */
final class RunCheckpoints implements AutoCloseable {

    /** Name of the hidden folder under the output folder that holds every run's checkpoint. */
    static final String FOLDER_NAME = ".checkpoints";

    private static final Logger LOG = LoggerFactory.getLogger(RunCheckpoints.class);

    /**
     * Called after every checkpoint is saved; tests replace it to stop a run right there, as a
     * kill would. Production code never changes it.
     */
    static volatile Consumer<Checkpoint> afterSave = checkpoint -> {};

    private final RunSpec run;
    private final String fingerprint;
    private final Optional<Checkpoint> resumeFrom;
    private final CheckpointFolder folder;
    private Checkpoint lastGood;

    private RunCheckpoints(RunSpec run, String fingerprint, Optional<Checkpoint> resumeFrom) {
        this.run = run;
        this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
        this.resumeFrom = resumeFrom;
        this.folder = new CheckpointFolder(folderOf(run));
        this.lastGood = resumeFrom.orElse(null);
    }

    /** Checkpoints for a run that starts from its initial weights, discarding any earlier checkpoint. */
    static RunCheckpoints fresh(RunSpec run, String fingerprint) {
        return new RunCheckpoints(run, fingerprint, Optional.empty());
    }

    /** Checkpoints for a run that continues from {@code checkpoint}, saved by an earlier job. */
    static RunCheckpoints resuming(RunSpec run, Checkpoint checkpoint) {
        return new RunCheckpoints(run, checkpoint.fingerprint(), Optional.of(checkpoint));
    }

    /**
     * The checkpoint folder of {@code run}: {@code <output>/.checkpoints/run=<id>} for a local
     * output. Checkpoints are written often and must survive only this machine's crashes, so a
     * remote output (HDFS, S3) keeps them in a local folder named after its URI under
     * {@code java.io.tmpdir} instead; resuming such a job works on the same machine only.
     */
    static Path folderOf(RunSpec run) {
        Path base = run.output().isLocal()
                ? run.output().localPath()
                : Path.of(System.getProperty("java.io.tmpdir"), "backprop-checkpoints",
                        Integer.toHexString(run.output().toString().hashCode()));
        return base.resolve(FOLDER_NAME).resolve(run.folderName());
    }

    /** The fingerprint of the run's configuration and data; see {@link RunFingerprints}. */
    String fingerprint() {
        return fingerprint;
    }

    /** The epoch the run continues after, or 0 when it starts afresh. */
    int resumedFromEpoch() {
        return resumeFrom.map(Checkpoint::completedEpochs).orElse(0);
    }

    /**
     * Creates the run's trainer, reporting to {@code listener}. A resumed run first replays the
     * checkpoint's error-log rows into {@code listener} and continues from its state; a fresh one
     * deletes an earlier checkpoint of the run. Checkpoints are then saved as the run's policy says.
     *
     * @throws dev.backprop.training.InvalidCheckpointException if the checkpoint's rows are damaged
     * @throws java.io.UncheckedIOException naming the file if the checkpoint cannot be read or written
     */
    Trainer startTrainer(TrainingListener listener) {
        Saving saving = new Saving(listener);
        Trainer trainer = new Trainer(run.architecture(), run.training(), saving);
        saving.trainer = trainer;
        if (resumeFrom.isPresent()) {
            Checkpoint checkpoint = resumeFrom.get();
            folder.continueFrom(checkpoint, listener::onLogEntry);
            trainer.restore(checkpoint.state());
            LOG.info("run {}: resuming after epoch {} from {}", run.runId(), checkpoint.completedEpochs(),
                    folder.folder());
        } else {
            if (folder.hasState()) {
                LOG.warn("run {}: starting afresh, so the earlier checkpoint in {} is discarded (--resume continues"
                        + " from it instead)", run.runId(), folder.folder());
            }
            if (run.checkpoints().isEnabled()) {
                folder.startFresh();
            } else {
                folder.delete();
                saving.isRecording = false;
            }
        }
        return trainer;
    }

    /** Deletes the run's checkpoint; call it once the run's outputs are committed. */
    void discard() {
        folder.delete();
    }

    /**
     * After a failed run: keeps a saved checkpoint for {@code --resume}, but deletes a folder that
     * holds only error-log rows and no saved state, which nothing could resume from.
     */
    void afterFailure() {
        if (lastGood == null && resumeFrom.isEmpty()) {
            try {
                folder.delete();
            } catch (UncheckedIOException e) {
                // The run's own failure is what the user must see; this one is only logged.
                LOG.warn("run {}: could not delete its unsaved checkpoint folder: {}", run.runId(), e.getMessage());
            }
        }
    }

    /**
     * Keeps the last good checkpoint of a run that diverged, writing its weights next to it, and
     * returns a note for the error message saying where it is; deletes an unsaved checkpoint
     * folder and says so when there is none.
     */
    String keepAfterDivergence(Dataset dataset) {
        if (lastGood == null) {
            folder.delete();
            return "no checkpoint was saved before it (checkpoint_every=" + run.checkpoints().everyEpochs()
                    + ", checkpoint_interval_seconds=" + run.checkpoints().intervalSeconds() + ")";
        }
        folder.close();
        Path weights = folder.folder().resolve("weights.csv");
        WeightsFile.write(weights, folder.folder().resolve("weights.parquet"), run.architecture(),
                lastGood.state().parameters(), dataset.featureNames(), dataset.targetNames(), run.compression());
        // "Good" means saved before a non-finite error was seen; divergence often builds up over
        // epochs, so these weights may already be far off, but they are the best evidence left.
        return "the last good checkpoint, after epoch " + lastGood.completedEpochs() + ", is kept in "
                + folder.folder() + ", its weights in " + weights + " (usable as weights=)";
    }

    /** Closes the checkpoint's files, keeping them. */
    @Override
    public void close() {
        folder.close();
    }

    /** Forwards to the run's listener, records the error log and saves checkpoints when due. */
    private final class Saving implements TrainingListener {
        private final TrainingListener delegate;
        private Trainer trainer;
        private boolean isRecording = true;
        private long lastSaveNanos = System.nanoTime();

        Saving(TrainingListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onLogEntry(LogEntry entry) {
            delegate.onLogEntry(entry);
            if (isRecording) {
                folder.record(entry);
            }
        }

        @Override
        public void onEpochEnd(EpochSummary summary) {
            delegate.onEpochEnd(summary);
            long now = System.nanoTime();
            if (run.checkpoints().isDue(summary.epoch(), now - lastSaveNanos)) {
                lastGood = folder.save(fingerprint, trainer.captureState());
                lastSaveNanos = now;
                LOG.debug("run {}: checkpoint after epoch {} saved in {}", run.runId(), summary.epoch(),
                        folder.folder());
                afterSave.accept(lastGood);
            }
        }
    }
}
