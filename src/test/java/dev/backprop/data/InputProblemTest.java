package dev.backprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class InputProblemTest {

    @Test
    void describesProblemOnOneLine() {
        InputProblem problem = new InputProblem("train.csv", "line 3", "'x2'", "", "value \"\" is not a number");

        assertEquals("train.csv: line 3, column 'x2': value \"\" is not a number", problem.describe());
        assertEquals(problem.describe(), problem.toString());
    }

    @Test
    void leavesOutPartsThatDoNotApply() {
        assertEquals("a.csv: line 5: too short",
                new InputProblem("a.csv", "line 5", "", null, "too short").describe());
        assertEquals("a.csv: column 'c': odd", new InputProblem("a.csv", "", "'c'", null, "odd").describe());
        assertEquals("a.csv: empty", new InputProblem("a.csv", "", "", null, "empty").describe());
    }

    @Test
    void labelsColumnsWithPositionsWhenNeeded() {
        assertEquals("'x2'", InputProblem.columnLabel("x2"));
        assertEquals("'' (position 4)", InputProblem.columnLabel("", 4));
        assertEquals("'x2' (positions 2 and 3)", InputProblem.columnLabel("x2", 2, 3));
        assertEquals("'x' (positions 1, 4 and 6)", InputProblem.columnLabel("x", 1, 4, 6));
    }

    @Test
    void quotesValuesKeepingInvisibleCharactersVisible() {
        assertEquals("\"\"", InputProblem.quote(""));
        assertEquals("\"say \\\"hi\\\"\"", InputProblem.quote("say \"hi\""));
        assertEquals("\"\\uFEFFx\\r\\t\"", InputProblem.quote("\uFEFFx\r\t"));
    }

    @Test
    void exceptionMessageIsFirstProblemAndCount() {
        InputProblem first = new InputProblem("a.csv", "line 2", "", null, "bad");
        InputProblem second = new InputProblem("a.csv", "line 3", "", null, "worse");

        InputDataException one = new InputDataException(List.of(first));
        InputDataException two = new InputDataException(List.of(first, second));

        assertEquals("a.csv: line 2: bad", one.getMessage());
        assertEquals("a.csv: line 2: bad (and 1 more problem)", two.getMessage());
        assertEquals(List.of("a.csv: line 2: bad", "a.csv: line 3: worse"), two.describeAll());
    }

    @Test
    void exceptionNeedsAProblem() {
        assertThrows(IllegalArgumentException.class, () -> new InputDataException(List.of()));
    }
}
