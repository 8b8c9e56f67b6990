package dev.backprop.training;

import dev.backprop.network.Architecture;
import dev.backprop.network.Loss;
import dev.backprop.network.Network;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Compares analytic gradients with central finite differences, the standard self-test of a
 * backpropagation implementation (LeCun et al., "Efficient BackProp", 1998, section 4.8; CS231n
 * "Gradient checks").
 *
 * <p>For parameter {@code w} the numeric gradient is {@code (E(w + h) - E(w - h)) / 2h} with
 * {@code h = 1e-5 * max(1, |w|)}, where {@code E} is the loss summed over the sample rows. Its
 * truncation error is of order {@code h^2} and its rounding error of order
 * {@code 1e-16 |E| / h}, both near 1e-10 for errors of order one. Analytic {@code a} and numeric
 * {@code n} are compared by {@code |a - n| / max(1, |a|, |n|)}: a relative difference for
 * gradients above 1 and an absolute one below, where a relative difference would only measure
 * the rounding noise of gradients near zero.
 *
 * <p>Stateless apart from its settings; thread-safe.
 */
public final class GradientCheck {

    /** The analytic gradient under test: the loss's gradient summed over every row. */
    @FunctionalInterface
    public interface GradientFunction {
        /** Returns {@code dE/dw} for every parameter, summed over the rows of {@code examples}. */
        double[] gradient(double[] parameters, Examples examples);
    }

    /**
     * The result of a check.
     *
     * @param parametersChecked how many parameters were compared
     * @param largestDifference the largest difference found (see the class description)
     * @param worstParameter index of the parameter with that difference
     * @param analytic its analytic gradient
     * @param numeric its numeric gradient
     */
    public record Result(int parametersChecked, double largestDifference, int worstParameter, double analytic,
            double numeric) {}

    private final Architecture architecture;
    private final Loss loss;

    /** A check of networks of {@code architecture} trained with {@code loss}. */
    public GradientCheck(Architecture architecture, Loss loss) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.loss = Objects.requireNonNull(loss, "loss");
    }

    /** The training loop's own backward pass, the one {@code train} uses. */
    public GradientFunction trainerGradient() {
        return (parameters, examples) -> {
            Backpropagation workspace = new Backpropagation(architecture, loss, examples.rows());
            int[] order = new int[examples.rows()];
            Arrays.setAll(order, i -> i);
            double[] gradient = new double[parameters.length];
            workspace.accumulateChunk(parameters, examples, order, 0, examples.rows(), gradient);
            return gradient;
        };
    }

    /**
     * Checks {@code analytic} on {@code samples}.
     *
     * @param maxParameters parameters to compare; when the network has more, a random subset drawn
     *     from {@code seed} is compared
     */
    public Result check(double[] parameters, Examples samples, GradientFunction analytic, int maxParameters,
            long seed) {
        double[] gradient = analytic.gradient(parameters.clone(), samples);
        int[] indices = chooseParameters(parameters.length, maxParameters, seed);
        double[] probe = parameters.clone();

        Result worst = new Result(0, 0.0, -1, Double.NaN, Double.NaN);
        for (int index : indices) {
            double numeric = numericGradient(probe, index, samples);
            double difference = difference(gradient[index], numeric);
            if (!(difference <= worst.largestDifference())) {
                worst = new Result(0, difference, index, gradient[index], numeric);
            }
        }
        return new Result(indices.length, worst.largestDifference(), worst.worstParameter(), worst.analytic(),
                worst.numeric());
    }

    /** {@code |a - n| / max(1, |a|, |n|)}; NaN if either is NaN. */
    static double difference(double analytic, double numeric) {
        return Math.abs(analytic - numeric) / Math.max(1.0, Math.max(Math.abs(analytic), Math.abs(numeric)));
    }

    private double numericGradient(double[] probe, int index, Examples samples) {
        double original = probe[index];
        double step = 1e-5 * Math.max(1.0, Math.abs(original));
        probe[index] = original + step;
        double above = totalError(probe, samples);
        probe[index] = original - step;
        double below = totalError(probe, samples);
        probe[index] = original;
        return (above - below) / (2 * step);
    }

    private double totalError(double[] parameters, Examples samples) {
        Network network = new Network(architecture, parameters);
        double error = 0.0;
        for (int row = 0; row < samples.rows(); row++) {
            double[] input = Arrays.copyOfRange(samples.features(), row * samples.featureCount(),
                    (row + 1) * samples.featureCount());
            error += loss.error(architecture.outputActivation(), network.predict(input), 0, samples.targets(),
                    row * samples.targetCount(), samples.targetCount());
        }
        return error;
    }

    private static int[] chooseParameters(int count, int maxParameters, long seed) {
        int[] indices = new int[count];
        Arrays.setAll(indices, i -> i);
        if (count <= maxParameters) {
            return indices;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < maxParameters; i++) {
            int j = i + random.nextInt(count - i);
            int swap = indices[i];
            indices[i] = indices[j];
            indices[j] = swap;
        }
        int[] chosen = Arrays.copyOf(indices, maxParameters);
        Arrays.sort(chosen);
        return chosen;
    }
}
