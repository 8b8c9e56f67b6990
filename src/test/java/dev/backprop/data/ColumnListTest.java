package dev.backprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnListTest {

    @Test
    void shortListsAreShownWhole() {
        assertEquals("[i1, i2]", ColumnList.brief(List.of("i1", "i2")));
        List<String> ten = names(10);
        assertEquals(ten.toString(), ColumnList.brief(ten));
    }

    @Test
    void longListsShowTheirEndsAndHowManyAreLeftOut() {
        assertEquals("[c0, c1, c2, c3, c4, c5, ... (56 more) ..., c62, c63]", ColumnList.brief(names(64)));
        assertEquals("[c0, c1, c2, c3, c4, c5, ... (3 more) ..., c9, c10]", ColumnList.brief(names(11)));
    }

    private static List<String> names(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add("c" + i);
        }
        return names;
    }
}
