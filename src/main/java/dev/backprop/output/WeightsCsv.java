package dev.backprop.output;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.backprop.network.Architecture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The CSV form of a weights file: UTF-8, RFC 4180 (CRLF line ends, fields quoted only where
 * needed), a header row of the column names, values written with {@link Double#toString} so that
 * they parse back to the same double.
 */
final class WeightsCsv {

    private static final CSVFormat WRITE_FORMAT = CSVFormat.RFC4180;

    private static final CSVFormat READ_FORMAT =
            CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();

    /** A plain decimal number: no NaN, Infinity, hex floats or Java's {@code d}/{@code f} suffixes. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private WeightsCsv() {}

    /** Writes all rows of {@code rows}, taking each value from {@code parameters}. */
    static void write(Path file, WeightRows rows, double[] parameters) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, UTF_8);
                CSVPrinter printer = WRITE_FORMAT.print(out)) {
            printer.printRecord(WeightsFile.COLUMNS);
            while (rows.next()) {
                String value = Double.toString(parameters[rows.parameterIndex()]);
                printer.printRecord(rows.layer(), rows.neuron(), rows.input(), value,
                        rows.inputName(), rows.neuronName());
            }
        }
    }

    /** Reads and validates a CSV weights file; see {@link WeightsFile#read}. */
    static double[] read(Path file, Architecture architecture) throws IOException {
        WeightsAssembler assembler = new WeightsAssembler(file, architecture, "line");
        try (BufferedReader in = Files.newBufferedReader(file, UTF_8)) {
            skipByteOrderMark(in);
            try (CSVParser parser = READ_FORMAT.parse(in)) {
                checkHeader(parser.getHeaderNames(), assembler);
                readRecords(parser, assembler);
            }
        }
        return assembler.parameters();
    }

    private static void skipByteOrderMark(BufferedReader in) throws IOException {
        // Spreadsheet programs often save "CSV UTF-8" with a byte-order mark, which would
        // otherwise become part of the first column name.
        in.mark(1);
        if (in.read() != BYTE_ORDER_MARK) {
            in.reset();
        }
    }

    private static void checkHeader(List<String> header, WeightsAssembler assembler) {
        for (String column : WeightsFile.REQUIRED_COLUMNS) {
            if (!header.contains(column)) {
                throw assembler.invalid(1, column, String.join(",", header),
                        "the header has no column " + column + "; it needs "
                                + WeightsFile.REQUIRED_COLUMNS);
            }
        }
    }

    private static void readRecords(CSVParser parser, WeightsAssembler assembler) {
        // The parser reports the line a record ends on; the next record starts one line later.
        // Empty lines are records of their own in RFC 4180 mode, so this stays exact.
        long previousEnd = parser.getCurrentLineNumber();
        try {
            for (CSVRecord record : parser) {
                long line = previousEnd + 1;
                previousEnd = parser.getCurrentLineNumber();
                if (!isBlank(record)) {
                    readRecord(record, line, assembler);
                }
            }
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CSVException malformed) {
                String location = assembler.location(previousEnd + 1);
                throw new WeightsFileException(assembler.file(), location, null, null,
                        "not valid CSV: " + malformed.getMessage());
            }
            throw e;
        }
    }

    private static boolean isBlank(CSVRecord record) {
        return record.size() == 1 && record.get(0).isBlank();
    }

    private static void readRecord(CSVRecord record, long line, WeightsAssembler assembler) {
        int layer = wholeNumber(record, "layer", line, assembler);
        int neuron = wholeNumber(record, "neuron", line, assembler);
        int input = wholeNumber(record, "input", line, assembler);
        String text = field(record, "value", line, assembler);
        if (!DECIMAL.matcher(text).matches()) {
            throw assembler.invalid(line, "value", text, "the value is not a finite decimal number");
        }
        assembler.accept(line, layer, neuron, input, Double.parseDouble(text));
    }

    private static int wholeNumber(CSVRecord record, String column, long line, WeightsAssembler assembler) {
        String text = field(record, column, line, assembler);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw assembler.invalid(line, column, text, "the " + column + " is not a whole number");
        }
    }

    private static String field(CSVRecord record, String column, long line, WeightsAssembler assembler) {
        if (!record.isSet(column)) {
            throw assembler.invalid(line, column, null, "the line has " + record.size()
                    + " fields, fewer than the header");
        }
        return record.get(column).trim();
    }
}
