package dev.backprop.data;

import java.util.Objects;
import java.util.Set;

/**
 * The strict, locale-independent decimal syntax accepted for numeric cells.
 *
 * <p>Grammar, after removing surrounding spaces and tabs:
 * <pre>
 *   number   = [sign] mantissa [exponent]
 *   mantissa = digits ["." [digits]] | "." digits
 *   exponent = ("e" | "E") [sign] digits
 *   sign     = "+" | "-"
 *   digits   = one or more of the ASCII digits 0-9
 * </pre>
 * Everything else is refused: the empty string, {@code NA}, {@code NaN}, {@code Infinity},
 * {@code .}, hex floats, the Java suffixes {@code d} and {@code f}, decimal commas and thousands
 * separators. {@link Double#parseDouble} alone accepts several of these, which is why this check
 * comes first. A value whose magnitude overflows to infinity is refused; one that underflows to a
 * subnormal number or to zero is accepted and rounded as {@code Double.parseDouble} rounds it.
 *
 * <p>Stateless and thread-safe.
 */
public final class NumberGrammar {

    /** Spellings of a missing value in R, pandas, SAS, Stata and spreadsheets. */
    private static final Set<String> MISSING_VALUE_TOKENS =
            Set.of("NA", "N/A", "NaN", "nan", "NAN", "null", "NULL", "None", ".", "?", "-");

    private NumberGrammar() {}

    /**
     * Parses a number in the strict grammar.
     *
     * @param text the text of one cell
     * @return the value, always finite
     * @throws NumberFormatException if the text is not in the grammar or overflows; the message
     *     shows the quoted text and the reason
     */
    public static double parse(String text) {
        double value = parseOrNaN(text);
        if (Double.isNaN(value)) {
            throw new NumberFormatException(
                    "value " + InputProblem.quote(text) + " " + refusal(text));
        }
        return value;
    }

    /**
     * Parses a number in the strict grammar, returning NaN instead of throwing. NaN is never a
     * valid result, so it safely signals a refusal; this is the form for loops over many cells.
     *
     * @param text the text of one cell
     * @return the value, or NaN if the text is refused
     */
    public static double parseOrNaN(String text) {
        Objects.requireNonNull(text, "text");
        if (!isWellFormed(text)) {
            return Double.NaN;
        }
        double value = Double.parseDouble(text);
        return Double.isInfinite(value) ? Double.NaN : value;
    }

    /**
     * Tells whether the text is a number in the strict grammar that fits in a double.
     *
     * @param text the text of one cell
     * @return true if {@link #parse(String)} would succeed
     */
    public static boolean isNumber(String text) {
        return !Double.isNaN(parseOrNaN(text));
    }

    /**
     * Returns why a text is refused, as a phrase to follow its quoted value: "is empty ...",
     * "is not a number ..." or "overflows ...".
     */
    static String refusal(String text) {
        String trimmed = stripBlanks(text);
        if (trimmed.isEmpty()) {
            return "is empty where a number is expected";
        }
        if (isWellFormed(text)) {
            return "overflows a double (magnitude above 1.8e308)";
        }
        if (MISSING_VALUE_TOKENS.contains(trimmed)) {
            return "is not a number (missing values are not accepted; fill in or drop the row)";
        }
        if (trimmed.indexOf(',') >= 0) {
            return "is not a number (use '.' as decimal separator and no thousands separators)";
        }
        return "is not a number";
    }

    private static boolean isWellFormed(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isBlank(text.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(text.charAt(end - 1))) {
            end--;
        }
        int position = skipSign(text, start, end);
        int integerDigits = countDigits(text, position, end);
        position += integerDigits;
        int fractionDigits = 0;
        if (position < end && text.charAt(position) == '.') {
            fractionDigits = countDigits(text, position + 1, end);
            position += 1 + fractionDigits;
        }
        if (integerDigits + fractionDigits == 0) {
            return false;
        }
        if (position < end && (text.charAt(position) == 'e' || text.charAt(position) == 'E')) {
            position = skipSign(text, position + 1, end);
            int exponentDigits = countDigits(text, position, end);
            if (exponentDigits == 0) {
                return false;
            }
            position += exponentDigits;
        }
        return position == end;
    }

    private static int skipSign(String text, int position, int end) {
        if (position == end) {
            return position;
        }
        char c = text.charAt(position);
        return c == '+' || c == '-' ? position + 1 : position;
    }

    private static int countDigits(String text, int from, int end) {
        int position = from;
        // ASCII only: Character.isDigit would accept Arabic-Indic and other digits, which
        // Double.parseDouble then rejects.
        while (position < end && text.charAt(position) >= '0' && text.charAt(position) <= '9') {
            position++;
        }
        return position - from;
    }

    /** Returns the text without surrounding spaces and tabs, the blanks this package ignores. */
    static String stripBlanks(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isBlank(text.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
