package dev.backprop.mapreduce;

import dev.backprop.network.ConfigNames;

/**
 * How the MapReduce engine turns one job's work into a weight update ({@code mapreduce_mode}).
 */
public enum MapReduceMode {
    /**
     * Each job sums the gradients of all training rows at the current weights; the driver takes one
     * full-batch step {@code w -= eta / N * sum}. The same arithmetic as the local engine with
     * {@code batch_size} covering every row, so the results agree to rounding.
     */
    SUM,
    /**
     * Each mapper runs one epoch of per-sample SGD over its own split from the current weights and
     * the reducer averages the mappers' weights: iterative parameter mixing, R. McDonald, K. Hall
     * and G. Mann, "Distributed Training Strategies for the Structured Perceptron" (NAACL 2010).
     * Many small steps per job instead of one, so far fewer jobs are needed, but the result depends
     * on how the input is split, and it is not the local engine's result for any setting.
     */
    AVERAGE;

    /**
     * Parses a {@code mapreduce_mode} value.
     *
     * @throws IllegalArgumentException naming the key and the allowed values
     */
    public static MapReduceMode fromConfig(String value) {
        return ConfigNames.parse(MapReduceMode.class, "mapreduce_mode", value);
    }

    /** The value as written in config files. */
    public String configName() {
        return ConfigNames.of(this);
    }
}
