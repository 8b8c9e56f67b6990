package dev.backprop.training;

import dev.backprop.network.ConfigNames;
import java.util.Objects;

/**
 * How the learning rate changes from epoch to epoch; the rate is constant within an epoch.
 *
 * <p>With {@code eta0} the configured {@code learning_rate}, {@code e} the 1-based epoch and
 * {@code E} the configured number of epochs:
 *
 * <ul>
 *   <li>{@code constant}: {@code eta0};
 *   <li>{@code step}: {@code eta0 * gamma^floor((e - 1) / stepEvery)}, PyTorch's {@code StepLR};
 *   <li>{@code exponential}: {@code eta0 * gamma^(e - 1)}, PyTorch's {@code ExponentialLR};
 *   <li>{@code cosine}: {@code min + (eta0 - min) * (1 + cos(pi * (e - 1) / E)) / 2}, the
 *       annealing of I. Loshchilov and F. Hutter, "SGDR: Stochastic Gradient Descent with Warm
 *       Restarts", ICLR 2017, without restarts (PyTorch's {@code CosineAnnealingLR} with
 *       {@code T_max = E}): it starts at {@code eta0} and would reach {@code min} after epoch E.
 * </ul>
 *
 * @param kind the shape
 * @param stepEvery epochs between decays of {@code step}, {@code >= 1}
 * @param gamma factor of each decay of {@code step} and {@code exponential}, finite and {@code > 0}
 * @param minimum the rate {@code cosine} anneals towards, {@code >= 0}
 */
public record LearningRateSchedule(Kind kind, int stepEvery, double gamma, double minimum) {

    /** The rate never changes. */
    public static final LearningRateSchedule CONSTANT = new LearningRateSchedule(Kind.CONSTANT, 10, 0.1, 0.0);

    /** The schedule shapes, by their config name. */
    public enum Kind {
        /** Always the configured rate. */
        CONSTANT,
        /** Multiplied by gamma every {@code stepEvery} epochs. */
        STEP,
        /** Multiplied by gamma every epoch. */
        EXPONENTIAL,
        /** Half a cosine from the configured rate down to the minimum. */
        COSINE;

        /** The name used in config files, e.g. {@code cosine}. */
        public String configName() {
            return ConfigNames.of(this);
        }

        /**
         * Parses a config name.
         *
         * @throws IllegalArgumentException naming the key {@code lr_schedule} and the value
         */
        public static Kind fromConfig(String name) {
            return ConfigNames.parse(Kind.class, "lr_schedule", name);
        }
    }

    /** Checks the ranges, naming the config key and value. */
    public LearningRateSchedule {
        Objects.requireNonNull(kind, "kind");
        if (stepEvery < 1) {
            throw new IllegalArgumentException("lr_step_every must be >= 1, got " + stepEvery);
        }
        if (!(gamma > 0.0) || !Double.isFinite(gamma)) {
            throw new IllegalArgumentException("lr_gamma must be a finite number > 0, got " + gamma);
        }
        if (!(minimum >= 0.0) || !Double.isFinite(minimum)) {
            throw new IllegalArgumentException("lr_min must be a finite number >= 0, got " + minimum);
        }
    }

    /**
     * The learning rate of epoch {@code epoch} (1-based) of a run of {@code epochs} epochs whose
     * configured rate is {@code initialRate}.
     */
    public double rateAt(double initialRate, int epoch, int epochs) {
        int elapsed = epoch - 1;
        return switch (kind) {
            case CONSTANT -> initialRate;
            case STEP -> initialRate * Math.pow(gamma, elapsed / stepEvery);
            case EXPONENTIAL -> initialRate * Math.pow(gamma, elapsed);
            case COSINE -> minimum + (initialRate - minimum) * (1.0 + Math.cos(Math.PI * elapsed / epochs)) / 2.0;
        };
    }
}
