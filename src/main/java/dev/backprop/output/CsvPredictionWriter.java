package dev.backprop.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Predictions as RFC 4180 CSV with a header line; doubles in their shortest exact form. */
final class CsvPredictionWriter implements PredictionWriter {

    private final String target;
    private final CSVPrinter printer;
    private final boolean closesStream;
    private final boolean isClassification;
    private long rowCount;

    private CsvPredictionWriter(String target, Writer writer, boolean closesStream, Columns columns)
            throws IOException {
        this.target = target;
        this.printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get());
        this.closesStream = closesStream;
        this.isClassification = columns.isClassification();
        printer.printRecord(header(columns));
    }

    static CsvPredictionWriter onStream(OutputStream stream, Columns columns) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        return new CsvPredictionWriter("standard output", writer, false, columns);
    }

    static CsvPredictionWriter toFile(Path file, Columns columns) throws IOException {
        return new CsvPredictionWriter(file.toString(), Files.newBufferedWriter(file), true, columns);
    }

    private static List<String> header(Columns columns) {
        List<String> header = new ArrayList<>();
        header.add(columns.id());
        header.addAll(columns.outputs());
        if (columns.isClassification()) {
            header.add("predicted_label");
            header.add("probability");
        }
        return header;
    }

    @Override
    public void write(String id, double[] outputs, String predictedLabel, double probability) {
        try {
            printer.print(id);
            for (double output : outputs) {
                printer.print(Double.toString(output));
            }
            if (isClassification) {
                printer.print(predictedLabel);
                printer.print(Double.toString(probability));
            }
            printer.println();
            rowCount++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write predictions to " + target, e);
        }
    }

    @Override
    public long rowCount() {
        return rowCount;
    }

    @Override
    public void close() {
        try {
            if (closesStream) {
                printer.close();
            } else {
                printer.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write predictions to " + target, e);
        }
    }
}
