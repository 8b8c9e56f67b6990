package dev.backprop.data;

import java.util.List;

/** Column names as log lines show them: all of a short list, the ends of a long one. */
final class ColumnList {

    private static final int SHOWN_AT_START = 6;
    private static final int SHOWN_AT_END = 2;

    private ColumnList() {}

    /**
     * {@code [a, b, c]} for up to ten names; for more, the first six and the last two around
     * the number left out: {@code [pixel_0_0, ..., (56 more), ..., pixel_7_7]}.
     */
    static String brief(List<String> names) {
        if (names.size() <= SHOWN_AT_START + SHOWN_AT_END + 2) {
            return names.toString();
        }
        List<String> start = names.subList(0, SHOWN_AT_START);
        List<String> end = names.subList(names.size() - SHOWN_AT_END, names.size());
        int hidden = names.size() - SHOWN_AT_START - SHOWN_AT_END;
        return "[" + String.join(", ", start) + ", ... (" + hidden + " more) ..., " + String.join(", ", end) + "]";
    }
}
