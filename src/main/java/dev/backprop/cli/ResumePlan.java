package dev.backprop.cli;

import dev.backprop.output.JsonFiles;
import dev.backprop.training.Checkpoint;
import dev.backprop.training.CheckpointFolder;
import dev.backprop.training.InvalidCheckpointException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code --resume} does with each run of a job, decided for every run before any trains.
 *
 * <ul>
 *   <li>A committed {@code run=<id>} folder whose {@code summary.json} carries this run's
 *       fingerprint is complete: the run is skipped (and a checkpoint left behind by a job killed
 *       just after committing is deleted).
 *   <li>Otherwise a checkpoint with this run's fingerprint is continued from.
 *   <li>Otherwise the run starts afresh; so does a run whose checkpoint is damaged (with a
 *       warning), since refusing would make every later cron run fail too.
 * </ul>
 *
 * <p>A committed folder or checkpoint made with other settings or data is refused, for all runs
 * at once, with a {@link ConfigException} (exit code 2): continuing it would mix two
 * configurations in one result, and skipping it would leave a stale result looking current.
 */
final class ResumePlan {

    private static final Logger LOG = LoggerFactory.getLogger(ResumePlan.class);

    /** Hex digits of a fingerprint shown in messages; enough to tell two apart. */
    private static final int SHOWN_DIGITS = 12;

    private final List<RunSpec> runsToTrain = new ArrayList<>();
    private final Map<String, Checkpoint> checkpoints = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private int skipped;

    private ResumePlan() {}

    /**
     * Decides for every run; {@code fingerprintOf} gives a run's fingerprint (see
     * {@link RunFingerprints}).
     *
     * @throws ConfigException listing every run whose committed output or checkpoint was made with
     *     other settings or data
     */
    static ResumePlan of(List<RunSpec> runs, Function<RunSpec, String> fingerprintOf) {
        ResumePlan plan = new ResumePlan();
        for (RunSpec run : runs) {
            plan.decide(run, fingerprintOf.apply(run));
        }
        if (!plan.problems.isEmpty()) {
            throw new ConfigException(plan.problems);
        }
        return plan;
    }

    /** The runs still to train, in job order. */
    List<RunSpec> runsToTrain() {
        return List.copyOf(runsToTrain);
    }

    /** How many runs were complete already and are skipped. */
    int skipped() {
        return skipped;
    }

    /** The checkpoint {@code run} continues from, if any. */
    Optional<Checkpoint> checkpointOf(RunSpec run) {
        return Optional.ofNullable(checkpoints.get(run.runId()));
    }

    private void decide(RunSpec run, String fingerprint) {
        // A committed run on a remote output is not looked for: it is trained again (see README).
        Path summary = run.output().isLocal()
                ? run.output().localPath().resolve(run.folderName()).resolve("summary.json")
                : null;
        if (summary != null && Files.exists(summary)) {
            decideCommitted(run, fingerprint, summary);
            return;
        }
        runsToTrain.add(run);
        CheckpointFolder folder = new CheckpointFolder(RunCheckpoints.folderOf(run));
        Optional<Checkpoint> checkpoint = load(run, folder);
        if (checkpoint.isEmpty()) {
            return;
        }
        if (checkpoint.get().fingerprint().equals(fingerprint)) {
            checkpoints.put(run.runId(), checkpoint.get());
            LOG.info("run {}: will resume after epoch {} from {}", run.runId(), checkpoint.get().completedEpochs(),
                    folder.folder());
        } else {
            problems.add("run " + run.runId() + ": the checkpoint in " + folder.folder() + " was saved with other"
                    + " settings or data (fingerprint " + shown(checkpoint.get().fingerprint()) + ", this job's "
                    + shown(fingerprint) + "); restore the settings and data it was saved with, or run without"
                    + " --resume to start the run afresh");
        }
    }

    private void decideCommitted(RunSpec run, String fingerprint, Path summary) {
        Object written = readFingerprint(summary);
        if (fingerprint.equals(written)) {
            skipped++;
            LOG.info("run {}: already complete in {}, skipped (--resume)", run.runId(), summary.getParent());
            new CheckpointFolder(RunCheckpoints.folderOf(run)).delete();
            return;
        }
        problems.add("run " + run.runId() + ": " + summary.getParent() + " holds the outputs of other settings or"
                + " data (fingerprint " + (written == null ? "missing" : shown(written.toString())) + ", this job's "
                + shown(fingerprint) + "); run without --resume to train it again, or move that folder away");
    }

    private static Object readFingerprint(Path summary) {
        try {
            return JsonFiles.read(summary).get("fingerprint");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Optional<Checkpoint> load(RunSpec run, CheckpointFolder folder) {
        try {
            return folder.load();
        } catch (InvalidCheckpointException e) {
            LOG.warn("run {}: {}; starting the run afresh", run.runId(), e.getMessage());
            return Optional.empty();
        }
    }

    private static String shown(String fingerprint) {
        return fingerprint.substring(0, Math.min(SHOWN_DIGITS, fingerprint.length()));
    }
}
