package dev.backprop.mapreduce;

import dev.backprop.training.Examples;
import dev.backprop.training.GradientSum;

/**
 * Trains a copy of the job's weights by per-sample gradient descent over its split, rows in file
 * order, and emits the resulting weights with the rows' summed error, each computed before its
 * own update (the {@code mapreduce_mode=average} step; the reducer averages the copies).
 */
public final class AveragingMapper extends ExampleMapper {

    private StepSettings settings;
    private GradientSum gradientSum;
    private double[] weights;
    private double error;
    private long samples;

    @Override
    void start(StepSettings settings, double[] weights) {
        this.settings = settings;
        this.gradientSum = new GradientSum(settings.architecture(), settings.loss());
        this.weights = weights;
    }

    @Override
    void process(Examples block) {
        error += gradientSum.descend(weights, block, settings.learningRate(), settings.updateBiases());
        samples += block.rows();
    }

    @Override
    PartialSum result() {
        return new PartialSum(weights, error, samples, 0);
    }
}
