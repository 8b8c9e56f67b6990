package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backprop.training.Examples;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@link TeacherData} regenerates {@code gen_teacher.py}'s data exactly. The fixture
 * {@code data/teacher_seed1_first20.csv} is the header and first 20 rows of
 * {@code shared/data/teacher_1000x784x10_seed1.csv} ({@code head -21}), written by
 * {@code gen_teacher.py --rows 1000 --features 784 --classes 10 --seed 1}.
 */
class TeacherDataTest {

    @Test
    void firstRowsEqualThoseOfTheReferenceFile() throws IOException {
        Examples generated = TeacherData.generate(20, 784, 10, 1, TeacherData.DEFAULT_HIDDEN);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                getClass().getClassLoader().getResourceAsStream("data/teacher_seed1_first20.csv"),
                StandardCharsets.US_ASCII))) {
            reader.readLine();
            for (int r = 0; r < 20; r++) {
                String[] fields = reader.readLine().split(",");
                double[] expected = new double[784];
                for (int i = 0; i < 784; i++) {
                    expected[i] = Double.parseDouble(fields[i]);
                }
                double[] actual = new double[784];
                System.arraycopy(generated.features(), r * 784, actual, 0, 784);
                // floor(u * 1e6) / 1e6 printed with six decimals parses back to the same double
                assertArrayEquals(expected, actual, 0.0, "features of row " + r);
                assertEquals(Integer.parseInt(fields[784]), label(generated, r), "label of row " + r);
            }
        }
    }

    @Test
    void classCountsOfTheFirstThousandRowsMatchTheDataReadme() {
        Examples generated = TeacherData.generate(1000, 784, 10, 1, TeacherData.DEFAULT_HIDDEN);
        int[] counts = new int[10];
        for (int r = 0; r < 1000; r++) {
            counts[label(generated, r)]++;
        }
        assertArrayEquals(new int[] {112, 90, 97, 103, 92, 111, 78, 106, 113, 98}, counts);
    }

    private static int label(Examples examples, int row) {
        for (int c = 0; c < 10; c++) {
            if (examples.targets()[row * 10 + c] == 1.0) {
                return c;
            }
        }
        throw new AssertionError("row " + row + " has no one-hot target");
    }
}
