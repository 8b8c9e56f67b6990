package dev.backprop.mapreduce;

import dev.backprop.training.Examples;
import dev.backprop.training.GradientSum;

/**
 * Sums the gradient {@code sum_b dE_b/dw} and the error of every row of its split at the
 * job's weights, which it does not change (the {@code mapreduce_mode=sum} step).
 */
public final class GradientMapper extends ExampleMapper {

    private GradientSum gradientSum;
    private double[] weights;
    private double[] gradient;
    private double error;
    private long samples;

    @Override
    void start(StepSettings settings, double[] weights) {
        this.gradientSum = new GradientSum(settings.architecture(), settings.loss());
        this.weights = weights;
        this.gradient = new double[weights.length];
    }

    @Override
    void process(Examples block) {
        error += gradientSum.accumulate(weights, block, gradient);
        samples += block.rows();
    }

    @Override
    PartialSum result() {
        return new PartialSum(gradient, error, samples, 0);
    }
}
