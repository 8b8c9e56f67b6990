package dev.backprop.cli;

import dev.backprop.data.TeacherData;
import dev.backprop.output.TableParquetWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code backprop make-data teacher --rows N --features F --classes C --seed S OUT.parquet}:
 * writes the synthetic teacher data set of {@code gen_teacher.py} directly as Parquet, columns
 * {@code x0..x<F-1>} (DOUBLE) and {@code label} (STRING), row by row in bounded memory.
 */
@Command(name = "make-data", mixinStandardHelpOptions = true, footer = ExitCode.HELP_TEXT,
        description = "Generates a synthetic data set as Parquet (kind: teacher).")
final class MakeDataCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(MakeDataCommand.class);

    @Parameters(index = "0", paramLabel = "KIND", description = "data set kind: teacher")
    private String kind;

    @Parameters(index = "1", paramLabel = "OUT", description = "Parquet file to write")
    private Path output;

    @Option(names = "--rows", required = true, description = "rows to generate")
    private long rows;

    @Option(names = "--features", required = true, description = "input columns")
    private int features;

    @Option(names = "--classes", required = true, description = "classes of the label")
    private int classes;

    @Option(names = "--seed", required = true, description = "seed of the generator")
    private long seed;

    @Option(names = "--hidden", defaultValue = "64", description = "hidden units of the teacher (default 64)")
    private int hidden;

    @Option(names = "--compression", defaultValue = "snappy", description = "snappy, zstd, gzip or uncompressed")
    private String compression;

    @Mixin
    private LoggingOptions logging;

    @Override
    public Integer call() {
        if (!kind.equals("teacher")) {
            throw new IllegalArgumentException("make-data: kind '" + kind + "' is not known; use teacher");
        }
        if (rows < 0) {
            throw new IllegalArgumentException("--rows must be >= 0, got " + rows);
        }
        TeacherData teacher = new TeacherData(features, classes, seed, hidden);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < features; i++) {
            names.add("x" + i);
        }
        names.add("label");
        boolean[] isText = new boolean[features + 1];
        isText[features] = true;
        double[] values = new double[features + 1];
        String[] texts = new String[features + 1];
        try (TableParquetWriter writer = TableParquetWriter.create(output, names, isText, compression)) {
            for (long row = 0; row < rows; row++) {
                texts[features] = Integer.toString(teacher.nextRow(values));
                writer.write(values, texts);
            }
        }
        LOG.info("Wrote {} with {} rows of {} features and {} classes", output, rows, features, classes);
        return ExitCode.SUCCESS;
    }
}
