package dev.backprop.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The header and data records of one comma-separated UTF-8 file, with the rules every CSV input
 * of the job follows:
 *
 * <ul>
 *   <li>a UTF-8 byte order mark is dropped at the very start of the file, and nowhere else;
 *   <li>CRLF, LF and CR end lines; RFC 4180 quoting is undone, so {@code "1"} is {@code 1};
 *   <li>empty lines and lines of only spaces and tabs are skipped wherever they are;
 *   <li>the first other line is the header: names are trimmed of blanks and must be unique and
 *       non-empty, except that an empty last name (a delimiter ending every line) marks a column
 *       that is ignored, as long as it stays empty;
 *   <li>a {@code sep=} line, or a one-column header containing ';', tab or '|', shows a file with
 *       another delimiter and is refused rather than half read;
 *   <li>every data record has as many fields as the header.
 * </ul>
 *
 * <p>Header problems are thrown at once by {@link #open}. Bad records are reported to the
 * collector and skipped, so the caller can go on looking for more problems. Locations are 1-based
 * physical lines, counted as an editor counts them. Mutable; belongs to one thread.
 */
final class CsvRecords implements Closeable {

    /** RFC 4180, but empty lines come through as records so that no line goes uncounted. */
    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private static final String OTHER_DELIMITERS = ";\t|";

    private final Path file;
    private final String source;
    private final ProblemCollector problems;
    private final CSVParser parser;
    private final Iterator<CSVRecord> iterator;
    private final PhysicalLines physicalLines;

    private long linesConsumed;
    private long recordLine;
    private long headerLine;
    private List<String> header = List.of();
    private int fieldCount;
    private boolean hasUnnamedLastColumn;

    private CsvRecords(Path file, ProblemCollector problems, CSVParser parser) {
        this.file = file;
        this.source = file.toString();
        this.problems = problems;
        this.parser = parser;
        this.iterator = parser.iterator();
        this.physicalLines = new PhysicalLines(file);
    }

    /**
     * Opens a file and reads its header.
     *
     * @throws InputDataException if the header is unusable
     * @throws IOException if the file cannot be opened
     */
    static CsvRecords open(Path file, ProblemCollector problems) throws IOException {
        InputStream input = new BufferedInputStream(Files.newInputStream(file));
        CsvRecords records = null;
        try {
            skipByteOrderMark(input);
            Reader reader = new InputStreamReader(input, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));
            records = new CsvRecords(file, problems, CSVParser.builder()
                    .setReader(reader)
                    .setFormat(FORMAT)
                    .get());
            records.readHeader();
            return records;
        } catch (RuntimeException | IOException e) {
            if (records != null) {
                records.close();
            }
            input.close();
            throw e;
        }
    }

    /** The file as shown in messages. */
    String source() {
        return source;
    }

    /** The trimmed column names, without an ignored unnamed last column; empty for a blank file. */
    List<String> header() {
        return header;
    }

    /** The physical line of the header, or 0 for a blank file. */
    long headerLine() {
        return headerLine;
    }

    /** The physical line on which the record last returned by {@link #next()} starts. */
    long recordLine() {
        return recordLine;
    }

    /**
     * Returns the next data record with the header's field count, reporting and skipping records
     * of another width, or returns null at the end of the file. Field {@code i} of the record
     * belongs to header column {@code i}.
     *
     * @throws InputDataException if the file is not valid CSV or not UTF-8 from here on
     */
    CSVRecord next() {
        CSVRecord record;
        while ((record = nextNonBlank()) != null) {
            if (record.size() != fieldCount) {
                reportFieldCount(record.size());
            } else if (hasUnnamedLastColumn && !isBlank(record.get(fieldCount - 1))) {
                reportValueInUnnamedColumn(record.get(fieldCount - 1));
            } else {
                return record;
            }
        }
        return null;
    }

    private void readHeader() {
        CSVRecord first = nextNonBlank();
        if (first == null) {
            return;
        }
        headerLine = recordLine;
        if (isSeparatorHint(first)) {
            String delimiter = first.size() == 2 ? "," : first.get(0).substring(4);
            if (!delimiter.equals(",")) {
                failOnDelimiter(line -> "the file declares " + describeDelimiter(delimiter)
                        + " as its delimiter in " + line + ", but only comma-separated files are"
                        + " read; save it with ',' as delimiter and '.' as decimal separator");
            }
            // "sep=," agrees with the format: the real header follows.
            first = nextNonBlank();
            headerLine = recordLine;
            if (first == null) {
                return;
            }
        }
        checkForOtherDelimiter(first);
        readNames(first);
        problems.throwIfAny();
    }

    private static boolean isSeparatorHint(CSVRecord record) {
        String first = record.get(0).toLowerCase(Locale.ROOT);
        boolean singleCharacter = record.size() == 1 && first.length() == 5;
        boolean comma = record.size() == 2 && first.length() == 4 && record.get(1).isEmpty();
        return first.startsWith("sep=") && (singleCharacter || comma);
    }

    private void checkForOtherDelimiter(CSVRecord first) {
        if (first.size() != 1) {
            return;
        }
        String name = first.get(0);
        for (char delimiter : OTHER_DELIMITERS.toCharArray()) {
            if (name.indexOf(delimiter) >= 0) {
                String described = describeDelimiter(String.valueOf(delimiter));
                failOnDelimiter(line -> "the header " + line + " holds a single column whose name"
                        + " contains " + described + ", so a different delimiter is likely: the"
                        + " file is probably separated by " + described + ", not ','");
            }
        }
    }

    private void failOnDelimiter(UnaryOperator<String> messageForQuotedLine) {
        String line = physicalLines.line(headerLine);
        String message = messageForQuotedLine.apply(InputProblem.quote(line));
        problems.fail(new InputProblem(source, "line " + headerLine, "", line, message), null);
    }

    private void readNames(CSVRecord first) {
        List<String> names = new ArrayList<>();
        first.forEach(name -> names.add(NumberGrammar.stripBlanks(name)));
        fieldCount = names.size();
        hasUnnamedLastColumn = names.size() > 1 && names.get(names.size() - 1).isEmpty();
        if (hasUnnamedLastColumn) {
            names.remove(names.size() - 1);
        }
        Map<String, List<Integer>> positionsByName = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            positionsByName.computeIfAbsent(names.get(i), name -> new ArrayList<>()).add(i + 1);
        }
        positionsByName.forEach(this::checkName);
        header = List.copyOf(names);
    }

    private void checkName(String name, List<Integer> positions) {
        // Positions are shown only where the name alone is ambiguous.
        int[] shownPositions = name.isEmpty() || positions.size() > 1
                ? positions.stream().mapToInt(Integer::intValue).toArray()
                : new int[0];
        String label = InputProblem.columnLabel(name, shownPositions);
        String location = "line " + headerLine;
        if (name.isEmpty()) {
            String hint = positions.get(0) == 1
                    ? " (pandas writes its row index this way: save with index=False)"
                    : "";
            problems.add(new InputProblem(source, location, label, null,
                    "has no name in the header; name every column" + hint));
        } else if (positions.size() > 1) {
            problems.add(new InputProblem(source, location, label, null,
                    "appears more than once in the header; give every column its own name"));
        }
        if (name.indexOf('\uFEFF') >= 0) {
            problems.add(new InputProblem(source, location, label, name, "contains a byte order"
                    + " mark (U+FEFF), accepted only at the very start of the file"));
        }
    }

    private CSVRecord nextNonBlank() {
        while (true) {
            CSVRecord record;
            try {
                if (!iterator.hasNext()) {
                    return null;
                }
                record = iterator.next();
            } catch (UncheckedIOException e) {
                throw unreadable(e.getCause());
            }
            // With empty lines kept as records, each record starts on the line after the
            // previous one ended.
            recordLine = linesConsumed + 1;
            linesConsumed = parser.getCurrentLineNumber();
            if (!isBlankLine(record)) {
                return record;
            }
        }
    }

    private RuntimeException unreadable(IOException cause) {
        String location = "line " + (linesConsumed + 1);
        if (cause instanceof CharacterCodingException) {
            problems.fail(new InputProblem(source, location, "", null,
                    "is not UTF-8 text; save the file as UTF-8"), cause);
        }
        if (cause instanceof CSVException) {
            problems.fail(new InputProblem(source, location, "", null,
                    "is not valid CSV: " + cause.getMessage()), cause);
        }
        return new UncheckedIOException("cannot read " + source, cause);
    }

    /**
     * A record of one blank field is an empty line or a line of only spaces and tabs.
     *
     * <p>Known shortcoming: the parser does not say whether a field was quoted, so in a file with
     * a single column a quoted blank value ({@code "  "}) is skipped like a blank line instead of
     * being refused as an empty number. Files with one column cannot hold both features and a
     * target, so this costs nothing today; a parser exposing quoting would fix it.
     */
    private static boolean isBlankLine(CSVRecord record) {
        return record.size() == 1 && isBlank(record.get(0));
    }

    private static boolean isBlank(String text) {
        return NumberGrammar.stripBlanks(text).isEmpty();
    }

    private void reportFieldCount(int found) {
        // For a record spanning several lines (a quoted line break) only its first line is
        // shown; the location still points the user to the right place.
        String line = physicalLines.line(recordLine);
        problems.add(new InputProblem(source, "line " + recordLine, "", line, "found " + found
                + " fields where " + fieldCount + " were expected: " + InputProblem.quote(line)));
    }

    private void reportValueInUnnamedColumn(String value) {
        String column = InputProblem.columnLabel("", fieldCount);
        problems.add(new InputProblem(source, "line " + recordLine, column, value, "value "
                + InputProblem.quote(value) + " is in the unnamed last column; name the column"));
    }

    private static String describeDelimiter(String delimiter) {
        return delimiter.equals("\t") ? "tab" : "'" + delimiter + "'";
    }

    private static void skipByteOrderMark(InputStream input) throws IOException {
        input.mark(3);
        byte[] start = input.readNBytes(3);
        boolean isByteOrderMark = start.length == 3
                && (start[0] & 0xFF) == 0xEF
                && (start[1] & 0xFF) == 0xBB
                && (start[2] & 0xFF) == 0xBF;
        if (!isByteOrderMark) {
            input.reset();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            parser.close();
        } finally {
            physicalLines.close();
        }
    }
}
