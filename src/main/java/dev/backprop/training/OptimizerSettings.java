package dev.backprop.training;

import dev.backprop.network.ConfigNames;
import java.util.Objects;

/**
 * Which update rule a run uses, with that rule's constants; validated on construction.
 *
 * @param kind the rule
 * @param momentum mu of {@code momentum} and {@code nesterov}, in {@code [0, 1)}
 * @param beta1 Adam's first-moment decay, in {@code [0, 1)}
 * @param beta2 Adam's second-moment decay, in {@code [0, 1)}
 * @param epsilon Adam's denominator guard, {@code > 0}
 * @param rpropIncrease Rprop's step growth factor, {@code > 1}
 * @param rpropDecrease Rprop's step shrink factor, in {@code (0, 1)}
 * @param rpropDeltaZero Rprop's initial step size, {@code > 0}
 * @param rpropDeltaMin Rprop's smallest step size, {@code >= 0}
 * @param rpropDeltaMax Rprop's largest step size, {@code >= rpropDeltaMin}
 */
public record OptimizerSettings(
        Kind kind,
        double momentum,
        double beta1,
        double beta2,
        double epsilon,
        double rpropIncrease,
        double rpropDecrease,
        double rpropDeltaZero,
        double rpropDeltaMin,
        double rpropDeltaMax) {

    /** Plain SGD, the worked example's rule; the other constants at their defaults. */
    public static final OptimizerSettings SGD = of(Kind.SGD);

    /** The update rules, by their config name. */
    public enum Kind {
        /** {@link SgdOptimizer}. */
        SGD,
        /** {@link MomentumOptimizer}. */
        MOMENTUM,
        /** {@link NesterovOptimizer}. */
        NESTEROV,
        /** {@link AdamOptimizer}. */
        ADAM,
        /** {@link RpropOptimizer} (iRprop-). */
        RPROP;

        /** The name used in config files, e.g. {@code adam}. */
        public String configName() {
            return ConfigNames.of(this);
        }

        /**
         * Parses a config name.
         *
         * @throws IllegalArgumentException naming the key {@code optimizer}, the value and the
         *     allowed names
         */
        public static Kind fromConfig(String name) {
            return ConfigNames.parse(Kind.class, "optimizer", name);
        }
    }

    /** Checks every constant, naming its config key and value. */
    public OptimizerSettings {
        Objects.requireNonNull(kind, "kind");
        checkUnitInterval("momentum", momentum);
        checkUnitInterval("beta1", beta1);
        checkUnitInterval("beta2", beta2);
        require("epsilon", epsilon, epsilon > 0.0, "a finite number > 0");
        require("rprop_increase", rpropIncrease, rpropIncrease > 1.0, "a finite number > 1");
        require("rprop_decrease", rpropDecrease, rpropDecrease > 0.0 && rpropDecrease < 1.0, "in (0, 1)");
        require("rprop_delta_zero", rpropDeltaZero, rpropDeltaZero > 0.0, "a finite number > 0");
        require("rprop_delta_min", rpropDeltaMin, rpropDeltaMin >= 0.0, "a finite number >= 0");
        require("rprop_delta_max", rpropDeltaMax, rpropDeltaMax >= rpropDeltaMin && rpropDeltaMax > 0.0,
                "a finite number > 0 and >= rprop_delta_min");
    }

    /**
     * The given rule with the usual constants: momentum 0.9; Adam's beta1 0.9, beta2 0.999,
     * epsilon 1e-8 (Kingma and Ba); Rprop's 1.2, 0.5, delta_zero 0.1, delta_min 0, delta_max 50
     * (FANN's defaults).
     */
    public static OptimizerSettings of(Kind kind) {
        return new OptimizerSettings(kind, 0.9, 0.9, 0.999, 1e-8, 1.2, 0.5, 0.1, 0.0, 50.0);
    }

    /** Creates the optimizer with zeroed (or, for Rprop, initial) state for that many parameters. */
    Optimizer create(int parameterCount) {
        return switch (kind) {
            case SGD -> new SgdOptimizer();
            case MOMENTUM -> new MomentumOptimizer(parameterCount, momentum);
            case NESTEROV -> new NesterovOptimizer(parameterCount, momentum);
            case ADAM -> new AdamOptimizer(parameterCount, beta1, beta2, epsilon);
            case RPROP -> new RpropOptimizer(parameterCount, this);
        };
    }

    private static void checkUnitInterval(String key, double value) {
        require(key, value, value >= 0.0 && value < 1.0, "in [0, 1)");
    }

    private static void require(String key, double value, boolean isValid, String allowed) {
        if (!isValid || !Double.isFinite(value)) {
            throw new IllegalArgumentException(key + " must be " + allowed + ", got " + value);
        }
    }
}
