package dev.backprop.mapreduce;

import dev.backprop.data.Dataset;
import dev.backprop.data.Scaling;
import dev.backprop.training.Evaluation;
import dev.backprop.training.TrainingResult;

/**
 * What a MapReduce training run produced, for writing its outputs.
 *
 * @param dataset the names, class labels and source of the data; its examples hold zero rows,
 *     since the rows stay in the cluster
 * @param scaling the input scaling fitted on all rows
 * @param result counts, final error and timing of the training
 * @param training the trained weights evaluated on every training row
 */
public record MapReduceOutcome(Dataset dataset, Scaling scaling, TrainingResult result, Evaluation training) {}
