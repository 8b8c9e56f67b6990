package dev.backprop.data;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fetches the raw text of physical lines of a file, to show a bad line exactly as the user wrote
 * it. Only error paths use it, so it reads the file a second time rather than making the parser
 * keep every line. Lines are split at CR, LF and CRLF, as the CSV parser counts them; a byte order
 * mark at the start of line 1 is dropped. Mutable; belongs to one thread.
 */
final class PhysicalLines implements Closeable {

    private final Path file;
    private BufferedReader reader;
    private long currentLineNumber;
    private String currentLine;

    PhysicalLines(Path file) {
        this.file = file;
    }

    /**
     * Returns the text of a line without its line end, or "" past the end of the file. Reading
     * forward is cheap; going back reopens the file.
     *
     * @param lineNumber 1-based physical line number
     */
    String line(long lineNumber) {
        try {
            if (reader == null || lineNumber < currentLineNumber) {
                reopen();
            }
            while (currentLineNumber < lineNumber && currentLine != null) {
                currentLine = reader.readLine();
                currentLineNumber++;
            }
            return currentLine == null ? "" : withoutByteOrderMark(lineNumber, currentLine);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void reopen() throws IOException {
        close();
        // Malformed bytes become U+FFFD here: this text is only shown, and the parser has
        // already reported any encoding error.
        reader = new BufferedReader(
                new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
        currentLineNumber = 0;
        currentLine = "";
    }

    private static String withoutByteOrderMark(long lineNumber, String line) {
        return lineNumber == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
