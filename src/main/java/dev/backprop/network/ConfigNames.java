package dev.backprop.network;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one rule for the names of enum constants in configuration files and outputs: lower-case
 * snake_case ({@code cross_entropy}, {@code zscore}), read back with surrounding blanks ignored and
 * case ignored.
 */
public final class ConfigNames {

    private ConfigNames() {}

    /** The configuration name of a constant, e.g. {@code CROSS_ENTROPY} gives {@code cross_entropy}. */
    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the configuration name of a constant of {@code type}.
     *
     * @param key the configuration key the value was given for, named in the error
     * @throws IllegalArgumentException naming the key, the value and the allowed names
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String key, String value) {
        String wanted = value.strip();
        for (E constant : type.getEnumConstants()) {
            if (of(constant).equalsIgnoreCase(wanted)) {
                return constant;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants()).map(ConfigNames::of).collect(Collectors.joining(", "));
        throw new IllegalArgumentException(key + ": value \"" + value + "\" is not one of " + allowed);
    }
}
