package dev.backprop.mapreduce;

import dev.backprop.data.DatasetRequest;
import dev.backprop.data.Scaling;
import dev.backprop.network.Architecture;
import dev.backprop.training.TrainingSettings;
import java.util.Objects;

/**
 * One run for the MapReduce engine.
 *
 * @param runId the run's id, used in job names
 * @param dataLocation the CSV training file: a Hadoop path ({@code hdfs://nn/x.csv}; without a
 *     scheme, a path in the configuration's default file system)
 * @param columns the columns to read and the output width
 * @param architecture the network
 * @param training the training settings; {@code batchSize} must cover every row in
 *     {@link MapReduceMode#SUM} mode, and {@code threads}, {@code chunkSize} and {@code shuffle}
 *     do not apply
 * @param scale input scaling fitted on the training rows
 * @param mode how each job's work becomes an update
 * @param workLocation a folder (created, then deleted) for weights and job results
 */
public record MapReduceRequest(
        String runId,
        String dataLocation,
        DatasetRequest columns,
        Architecture architecture,
        TrainingSettings training,
        Scaling.Kind scale,
        MapReduceMode mode,
        String workLocation) {

    /** Rejects nulls. */
    public MapReduceRequest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(dataLocation, "dataLocation");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(workLocation, "workLocation");
    }
}
