package dev.backprop.training;

import java.util.Objects;

/**
 * One value of a step-by-step trace, in long format.
 *
 * @param step the 1-based update the value belongs to
 * @param quantity what the value is: {@code row}, {@code input}, {@code target}, {@code net},
 *     {@code out}, {@code E}, {@code E_total}, {@code dE/dout}, {@code dout/dnet}, {@code delta},
 *     {@code gradient} (dE/dw) or {@code new_value}
 * @param name the neuron or parameter, such as {@code h1} or {@code w5}; empty for per-step values
 * @param value the value
 */
public record TraceRow(long step, String quantity, String name, double value) {

    /** Rejects null texts. */
    public TraceRow {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(name, "name");
    }
}
