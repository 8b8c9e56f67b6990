package dev.backprop.cli;

import dev.backprop.output.ParquetTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code backprop show FILE.parquet}: prints the rows of one of the job's Parquet outputs as a
 * table, for users without DuckDB, pandas or Spark at hand.
 */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "Prints rows of a Parquet output (error log, weights, trace) as a table.",
        footer = "%nExample: backprop show out/mazur/run=mazur/error_log.parquet --where step=1,2,10000%n"
                + ExitCode.HELP_TEXT)
final class ShowCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "a Parquet file, e.g. a run's error_log.parquet")
    private Path file;

    @Option(names = "--where", paramLabel = "COLUMN=V1,V2", description = "keeps rows whose COLUMN is one of the values")
    private String where;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "prints at most N rows (default 50)")
    private long limit;

    @Override
    public Integer call() {
        ParquetTable.Rows table = ParquetTable.read(file, filterOf(ParquetTable.read(file, row -> false, 0)), limit);

        List<List<String>> lines = new ArrayList<>();
        lines.add(table.columns());
        lines.addAll(table.rows());
        System.out.print(TextTable.align(lines, 0));
        return ExitCode.SUCCESS;
    }

    private Predicate<List<String>> filterOf(ParquetTable.Rows header) {
        if (where == null) {
            return row -> true;
        }
        int equals = where.indexOf('=');
        String column = equals < 0 ? where : where.substring(0, equals).trim();
        int index = header.columns().indexOf(column);
        if (equals < 0 || index < 0) {
            throw new IllegalArgumentException("--where " + where + ": expected COLUMN=V1,V2 with COLUMN one of "
                    + header.columns());
        }
        List<String> values = List.of(where.substring(equals + 1).split(","));
        return row -> values.contains(row.get(index));
    }
}
