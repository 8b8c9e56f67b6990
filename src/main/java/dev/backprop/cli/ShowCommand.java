package dev.backprop.cli;

import dev.backprop.data.RecordSource;
import dev.backprop.data.RecordSources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code backprop show FILE}: prints the rows of one of the job's Parquet (or CSV) outputs as a
 * table, for users without DuckDB, pandas or Spark at hand. Rows are streamed, so only the rows
 * printed are held in memory.
 */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "Prints rows of a Parquet output (error log, weights, trace), a CSV or Parquet file, or a"
                + " folder of Parquet part files as a table.",
        footer = "%nExample:%n  backprop show out/mazur/run=mazur/error_log.parquet --where step=1,2,10000%n"
                + ExitCode.HELP_TEXT)
final class ShowCommand implements Callable<Integer> {

    @Mixin
    private LoggingOptions logging;

    @Parameters(index = "0", paramLabel = "FILE", description = "a Parquet or CSV file, e.g. a run's error_log.parquet")
    private Path file;

    @Option(names = "--where", paramLabel = "COLUMN=V1,V2",
            description = "keeps rows whose COLUMN is one of the values")
    private String where;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
            description = "prints at most N rows (default 50)")
    private long limit;

    @Override
    public Integer call() {
        List<List<String>> lines = new ArrayList<>();
        try (RecordSource rows = RecordSources.open(file)) {
            lines.add(rows.columns());
            int filterColumn = filterColumn(rows.columns());
            List<String> values = where == null
                    ? List.of()
                    : List.of(where.substring(where.indexOf('=') + 1).split(","));
            while (lines.size() <= limit && rows.next()) {
                if (filterColumn < 0 || values.contains(rows.text(filterColumn))) {
                    lines.add(cellsOf(rows));
                }
            }
        }
        System.out.print(TextTable.align(lines, 0));
        return ExitCode.SUCCESS;
    }

    /** The column {@code --where} filters on, or -1 without a filter. */
    private int filterColumn(List<String> columns) {
        if (where == null) {
            return -1;
        }
        int equals = where.indexOf('=');
        int index = equals < 0 ? -1 : columns.indexOf(where.substring(0, equals).trim());
        if (index < 0) {
            throw new IllegalArgumentException("--where " + where + ": expected COLUMN=V1,V2 with COLUMN one of "
                    + columns);
        }
        return index;
    }

    private static List<String> cellsOf(RecordSource rows) {
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < rows.columns().size(); c++) {
            cells.add(rows.text(c));
        }
        return cells;
    }
}
