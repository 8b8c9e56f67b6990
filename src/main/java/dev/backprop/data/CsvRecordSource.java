package dev.backprop.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;

/** A {@link RecordSource} over a CSV file, with the rules of {@link CsvRecords}. */
final class CsvRecordSource implements RecordSource {

    private final ProblemCollector problems = new ProblemCollector();
    private final CsvRecords records;
    private CSVRecord current;

    private CsvRecordSource(CsvRecords records) {
        this.records = records;
    }

    static CsvRecordSource open(Path file) {
        ProblemCollector headerProblems = new ProblemCollector();
        try {
            CsvRecords records = CsvRecords.open(file, headerProblems);
            if (records.header().isEmpty()) {
                records.close();
                headerProblems.fail(new InputProblem(file.toString(), "", "", null,
                        "is empty: it has no header line"), null);
            }
            return new CsvRecordSource(records);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public String source() {
        return records.source();
    }

    @Override
    public List<String> columns() {
        return records.header();
    }

    @Override
    public boolean next() {
        current = records.next();
        // A ragged row is reported to the collector and skipped by CsvRecords; for predictions
        // a skipped row would silently shift every later row number, so it stops the command.
        problems.throwIfAny();
        return current != null;
    }

    @Override
    public String text(int column) {
        return NumberGrammar.stripBlanks(current.get(column));
    }

    @Override
    public double number(int column) {
        String cell = current.get(column);
        double value = NumberGrammar.parseOrNaN(cell);
        if (Double.isNaN(value)) {
            String message;
            try {
                NumberGrammar.parse(cell);
                message = "is not a number";
            } catch (NumberFormatException e) {
                message = e.getMessage();
            }
            throw new InputDataException(List.of(new InputProblem(source(), location(),
                    InputProblem.columnLabel(columns().get(column)), cell, message)));
        }
        return value;
    }

    @Override
    public String location() {
        return "line " + records.recordLine();
    }

    @Override
    public void close() {
        try {
            records.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + source(), e);
        }
    }
}
