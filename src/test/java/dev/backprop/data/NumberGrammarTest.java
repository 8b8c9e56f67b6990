package dev.backprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumberGrammarTest {

    /** Exact comparison: each accepted spelling must parse to the same double as its literal. */
    @ParameterizedTest(name = "[{0}] = {1}")
    @CsvSource(
            delimiter = '|',
            ignoreLeadingAndTrailingWhitespace = false,
            value = {
                "0|0.0",
                "1|1.0",
                "-1|-1.0",
                "+1|1.0",
                "1.5|1.5",
                "1.|1.0",
                ".5|0.5",
                "-.5|-0.5",
                "+.5|0.5",
                "007|7.0",
                "1e3|1000.0",
                "1E3|1000.0",
                "1e+3|1000.0",
                "1e-3|0.001",
                "2.5E-1|0.25",
                ".5e1|5.0",
                "1.e2|100.0",
                "  42|42.0",
                "42  |42.0",
                "\t3.25\t|3.25",
                "-0|-0.0",
                "1e-400|0.0",
                "4.9e-324|4.9e-324",
                "1.7976931348623157e308|1.7976931348623157e308",
                "123456789012345678901234567890|1.2345678901234568e29"
            })
    void acceptsDecimalSpellings(String text, double expected) {
        assertEquals(expected, NumberGrammar.parse(text), 0.0);
        assertTrue(NumberGrammar.isNumber(text));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(
            strings = {
                "", " ", "\t", "NA", "NaN", "nan", "-NaN", "Infinity", "-Infinity", "inf", ".", "-",
                "+", "e5", ".e5", "1e", "1e+", "1e-", "1.5.2", "0x1p3", "0x10", "1.0d", "2f", "1D",
                "2F", "0,5", "1,000", "1 000", "1_000", "1e3.5", "++1", "+-1", "1-", "1e309",
                "-1e309", "1.8e308", "\u0661", "\u00a01", "1\r", "1\n", "abc", "1a", "\"1\"", "١"
            })
    void refusesEverythingElse(String text) {
        assertFalse(NumberGrammar.isNumber(text));
        assertTrue(Double.isNaN(NumberGrammar.parseOrNaN(text)));
        NumberFormatException error = assertThrows(NumberFormatException.class, () -> NumberGrammar.parse(text));
        assertTrue(error.getMessage().startsWith("value " + InputProblem.quote(text) + " "), error.getMessage());
    }

    @Test
    void explainsEmptyValues() {
        assertEquals("is empty where a number is expected", NumberGrammar.refusal(""));
        assertEquals("is empty where a number is expected", NumberGrammar.refusal("  "));
    }

    @Test
    void explainsOverflow() {
        assertEquals("overflows a double (magnitude above 1.8e308)", NumberGrammar.refusal("1e309"));
    }

    @Test
    void explainsMissingValueTokensAndDecimalCommas() {
        assertTrue(NumberGrammar.refusal("NA").contains("missing values are not accepted"));
        assertTrue(NumberGrammar.refusal("0,1").contains("use '.' as decimal separator"));
        assertEquals("is not a number", NumberGrammar.refusal("0x1p3"));
    }

    @Test
    void parseMessageShowsTheQuotedValue() {
        NumberFormatException error = assertThrows(NumberFormatException.class, () -> NumberGrammar.parse("NA"));
        assertEquals(
                "value \"NA\" is not a number (missing values are not accepted; fill in or drop the row)",
                error.getMessage());
    }
}
