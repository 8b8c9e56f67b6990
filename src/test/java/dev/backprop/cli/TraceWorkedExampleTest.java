package dev.backprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backprop trace conf/mazur.properties --steps 1} against every value M. Mazur's post
 * prints. The post shows most values to nine decimals, a few (w2..w4) to eight; each printed value
 * must equal ours rounded to the post's own number of decimals (tolerance: half a unit of its last
 * digit). The values are read back from the Parquet output by DuckDB and from the printed table.
 */
class TraceWorkedExampleTest {

    @TempDir
    static Path folder;

    private static CommandRun result;
    private static Path trace;

    @BeforeAll
    static void traceOneStep() {
        trace = folder.resolve("trace.parquet");
        result = CommandRun.of("trace", "conf/mazur.properties", "--steps", "1", "--output", trace.toString(),
                "--quiet");
        assertEquals(0, result.exitCode(), result.stderr());
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @CsvSource({
        "net, h1, 0.3775",
        "out, h1, 0.593269992",
        "out, h2, 0.596884378",
        "net, o1, 1.105905967",
        "out, o1, 0.75136507",
        "out, o2, 0.772928465",
        "E, o1, 0.274811083",
        "E, o2, 0.023560026",
        "E_total, '', 0.298371109",
        "dE/dout, o1, 0.74136507",
        "dout/dnet, o1, 0.186815602",
        "gradient, w5, 0.082167041",
        "new_value, w5, 0.35891648",
        "new_value, w6, 0.408666186",
        "new_value, w7, 0.511301270",
        "new_value, w8, 0.561370121",
        "gradient, w1, 0.000438568",
        "new_value, w1, 0.149780716",
        "new_value, w2, 0.19956143",
        "new_value, w3, 0.24975114",
        "new_value, w4, 0.29950229",
    })
    void matchesTheWorkedExample(String quantity, String name, String printed) throws Exception {
        List<Double> values = Duck.doubles("SELECT value FROM read_parquet(FILE) WHERE step = 1 AND quantity = '"
                + quantity + "' AND name = '" + name + "'", trace);
        assertEquals(1, values.size(), quantity + " " + name);

        int decimals = printed.length() - printed.indexOf('.') - 1;
        double halfLastDigit = 0.5 * Math.pow(10, -decimals) + 1e-15;
        assertEquals(Double.parseDouble(printed), values.get(0), halfLastDigit, quantity + " " + name);
    }

    @org.junit.jupiter.api.Test
    void tablePrintsNineDecimals() {
        assertTrue(result.stdout().contains("new_value  w5                  0.358916480"), result.stdout());
        assertTrue(result.stdout().contains("E_total                        0.298371109"), result.stdout());
        assertTrue(result.stdout().contains("gradient   w1                  0.000438568"), result.stdout());
    }

    @org.junit.jupiter.api.Test
    void refusesMiniBatches() {
        CommandRun refused = CommandRun.of("trace", "conf/mazur.properties", "--set", "batch_size=2", "--quiet");
        assertEquals(ExitCode.CONFIG_ERROR, refused.exitCode());
        assertTrue(refused.stderr().contains("batch_size=2"), refused.stderr());
    }
}
