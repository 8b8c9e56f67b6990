package dev.backprop.mapreduce;

import dev.backprop.training.Evaluation;
import dev.backprop.training.Examples;

/**
 * Evaluates the job's weights on every row of its split: summed error and rows classified
 * correctly, for the run's summary.
 */
public final class EvaluationMapper extends ExampleMapper {

    private StepSettings settings;
    private double[] weights;
    private double error;
    private long samples;
    private long correct;

    @Override
    void start(StepSettings settings, double[] weights) {
        this.settings = settings;
        this.weights = weights;
    }

    @Override
    void process(Examples block) {
        Evaluation evaluation = Evaluation.of(settings.architecture(), weights, block, settings.loss());
        error += evaluation.error();
        samples += block.rows();
        correct += Math.round(evaluation.accuracy() * block.rows());
    }

    @Override
    PartialSum result() {
        return new PartialSum(new double[0], error, samples, correct);
    }
}
