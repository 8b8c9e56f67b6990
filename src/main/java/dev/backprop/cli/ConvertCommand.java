package dev.backprop.cli;

import dev.backprop.data.CsvTable;
import dev.backprop.data.NumberGrammar;
import dev.backprop.output.TableParquetWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code backprop convert IN.csv OUT.parquet}: rewrites a CSV file as Parquet with the job's own
 * writer. A column whose every cell is a number in the job's number grammar becomes DOUBLE (the
 * value the CSV reader would train on, bit for bit); any other column becomes STRING, with empty
 * cells as nulls. The CSV is read with the training reader's rules (BOM, CRLF, quoting, blank
 * lines) and held in memory while it is converted.
 */
@Command(name = "convert", mixinStandardHelpOptions = true, footer = ExitCode.HELP_TEXT,
        description = "Converts a CSV file to Parquet (numeric columns DOUBLE, others STRING).")
final class ConvertCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ConvertCommand.class);

    @Parameters(index = "0", paramLabel = "IN.csv", description = "CSV file with a header row")
    private Path input;

    @Parameters(index = "1", paramLabel = "OUT.parquet", description = "Parquet file to write")
    private Path output;

    @Option(names = "--compression", defaultValue = "snappy", description = "snappy, zstd, gzip or uncompressed")
    private String compression;

    @Mixin
    private LoggingOptions logging;

    @Override
    public Integer call() {
        CsvTable table = CsvTable.read(input);
        List<String> names = table.header();
        boolean[] isText = new boolean[names.size()];
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            isText[i] = !table.rows().stream().allMatch(row -> NumberGrammar.isNumber(row.get(name)));
        }
        double[] numbers = new double[names.size()];
        String[] texts = new String[names.size()];
        try (TableParquetWriter writer = TableParquetWriter.create(output, names, isText, compression)) {
            for (CsvTable.Row row : table.rows()) {
                for (int i = 0; i < names.size(); i++) {
                    String cell = row.get(names.get(i));
                    if (isText[i]) {
                        texts[i] = cell.isEmpty() ? null : cell;
                    } else {
                        numbers[i] = NumberGrammar.parse(cell);
                    }
                }
                writer.write(numbers, texts);
            }
        }
        LOG.info("Wrote {} with {} rows; STRING columns: {}", output, table.rows().size(),
                java.util.stream.IntStream.range(0, names.size()).filter(i -> isText[i]).mapToObj(names::get).toList());
        return ExitCode.SUCCESS;
    }
}
