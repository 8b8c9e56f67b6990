package dev.backprop.output;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns arbitrary names (target names such as {@code species=setosa} or {@code petal width (cm)})
 * into column names every SQL engine and dataframe accepts without quoting: lower-case
 * snake_case ASCII.
 */
public final class ColumnNames {

    private ColumnNames() {}

    /**
     * Returns a safe form of one name: accents dropped, lower case, every run of characters other
     * than {@code a-z} and {@code 0-9} replaced by one {@code _}, no leading or trailing {@code _},
     * and {@code c_} put in front when the result is empty or starts with a digit.
     *
     * <p>Examples: {@code species=setosa -> species_setosa}, {@code petal width (cm) ->
     * petal_width_cm}, {@code label=3 -> label_3}, {@code 3 -> c_3}, {@code Région -> region}.
     */
    public static String snakeCase(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String snake = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return snake.isEmpty() || Character.isDigit(snake.charAt(0)) ? "c_" + snake : snake;
    }

    /**
     * Returns the safe forms of several names, made unique among themselves and against
     * {@code reserved}: a repeat gets {@code _2}, {@code _3}, ... appended.
     */
    public static List<String> uniqueSnakeCase(List<String> names, Set<String> reserved) {
        Set<String> taken = new HashSet<>(reserved);
        List<String> safe = new ArrayList<>();
        for (String name : names) {
            String base = snakeCase(name);
            String candidate = base;
            for (int suffix = 2; !taken.add(candidate); suffix++) {
                candidate = base + "_" + suffix;
            }
            safe.add(candidate);
        }
        return safe;
    }
}
