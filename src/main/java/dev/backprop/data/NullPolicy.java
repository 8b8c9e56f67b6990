package dev.backprop.data;

import dev.backprop.network.ConfigNames;

/** What a reader does with a null (missing) cell in a column it uses: config key {@code on_null}. */
public enum NullPolicy {
    /** Refuse the input, naming the file, row and column of every null cell. */
    FAIL,
    /** Leave the row out of training, count it, and report the count in a WARN line. */
    SKIP;

    /**
     * Parses an {@code on_null} value.
     *
     * @throws IllegalArgumentException naming the key and the allowed values
     */
    public static NullPolicy fromConfig(String value) {
        return ConfigNames.parse(NullPolicy.class, "on_null", value);
    }
}
