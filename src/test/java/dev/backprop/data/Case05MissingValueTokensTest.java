package dev.backprop.data;

import static dev.backprop.data.Fixtures.TARGET_Y;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Case 05: missing values spelled "", NA, NaN and "." must be refused with file, physical line,
 * column and raw value, every one of them, while the quoted number "1" is valid. Fixture copied
 * from {@code 05-missing-value-tokens}.
 */
class Case05MissingValueTokensTest {

    private static final Path FILE = Fixtures.resource("cases/05-missing-value-tokens/train_missing.csv");

    @Test
    void refusesFirstMissingValueWithItsLocation() {
        InputDataException error = Fixtures.refuse(FILE, TARGET_Y);

        assertTrue(error.getMessage().startsWith(FILE + ": line 3, column 'x2': value \"\" is empty"),
                error.getMessage());
        assertTrue(error.getMessage().endsWith("(and 3 more problems)"), error.getMessage());
    }

    @Test
    void listsEveryBadCellAndNotTheQuotedNumbers() {
        List<InputProblem> problems = Fixtures.refuse(FILE, TARGET_Y).problems();

        assertEquals(4, problems.size(), problems.toString());
        Fixtures.assertProblem(problems.get(0), "train_missing.csv", "line 3", "'x2'", "");
        Fixtures.assertProblem(problems.get(1), "train_missing.csv", "line 4", "'x2'", "NA");
        Fixtures.assertProblem(problems.get(2), "train_missing.csv", "line 6", "'x1'", "NaN");
        Fixtures.assertProblem(problems.get(3), "train_missing.csv", "line 7", "'x1'", ".");
    }

    @Test
    void describesEachProblemOnOneLine() {
        List<String> lines = Fixtures.refuse(FILE, TARGET_Y).describeAll();

        assertEquals(FILE + ": line 4, column 'x2': value \"NA\" is not a number"
                + " (missing values are not accepted; fill in or drop the row)", lines.get(1));
        assertTrue(lines.get(3).startsWith(FILE + ": line 7, column 'x1': value \".\" is not a number"));
    }
}
