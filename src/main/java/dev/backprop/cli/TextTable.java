package dev.backprop.cli;

import java.util.List;
import java.util.Locale;

/** Lays out rows of text cells as aligned columns for the terminal. */
final class TextTable {

    private TextTable() {}

    /**
     * Returns the cells as lines of aligned columns, two spaces apart; the first
     * {@code leftAlignedColumns} columns (text) are left-aligned, the others (numbers) right-aligned.
     */
    static String align(List<List<String>> cells, int leftAlignedColumns) {
        int[] widths = new int[cells.get(0).size()];
        cells.forEach(row -> {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        });

        StringBuilder text = new StringBuilder();
        for (List<String> row : cells) {
            for (int c = 0; c < row.size(); c++) {
                String pattern = c < leftAlignedColumns ? "%-" + widths[c] + "s" : "%" + widths[c] + "s";
                text.append(c == 0 ? "" : "  ").append(String.format(Locale.ROOT, pattern, row.get(c)));
            }
            text.append(System.lineSeparator());
        }
        return text.toString();
    }
}
