package dev.backprop.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compact sweep form of the command line, {@code --grid "learning_rate=0.1,0.5;momentum=0,0.9"}:
 * keys separated by {@code ;}, each with values separated by {@code ,}, expanded into the cross
 * product of runs (here four), the first key varying slowest.
 *
 * <p>Each grid point gets a run id made from its values, {@code learning_rate-0.1_momentum-0.9}:
 * {@code key-value} pairs joined by {@code _}, with any character that is not safe in a folder
 * name (anything but letters, digits, {@code .}, {@code _} and {@code -}) replaced by {@code -}.
 * {@code =} is avoided because the folder is itself {@code run=<id>} and Hive-style readers split
 * at {@code =}. With a hyperparameters table too, every table row is combined with every grid
 * point, and the run id is {@code <row id>_<grid id>}; a key may be a table column or a grid key,
 * not both. Grid values sit where table values do in the precedence: above the job file, below
 * {@code --set}.
 *
 * <p>A value cannot itself contain {@code ,} or {@code ;} (so {@code layers} or {@code features}
 * cannot be swept here): put such runs in the table.
 */
final class SweepGrid {

    private static final String SOURCE = "--grid";

    private final List<Map<String, Setting>> points;

    private SweepGrid(List<Map<String, Setting>> points) {
        this.points = points;
    }

    /** The grid points in expansion order, each with a {@code run} setting. */
    List<Map<String, Setting>> points() {
        return points;
    }

    /** Parses and expands {@code text}, adding any problem (naming key and value) to {@code problems}. */
    static SweepGrid parse(String text, List<String> problems) {
        Path workingDirectory = Path.of("").toAbsolutePath();
        List<Map<String, Setting>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int equals = part.indexOf('=');
            String key = equals < 0 ? part.trim() : part.substring(0, equals).trim();
            List<String> values = equals < 0 ? List.of() : values(part.substring(equals + 1));
            if (!isValidKey(key, part, values, problems)) {
                continue;
            }
            points = expand(points, key, values, workingDirectory);
        }
        if (points.size() == 1 && points.get(0).isEmpty()) {
            problems.add(SOURCE + " \"" + text + "\": expected key=value,value;key=value,...");
        }
        for (Map<String, Setting> point : points) {
            point.put(ConfigKey.RUN.key(), new Setting(runId(point), SOURCE, workingDirectory));
        }
        return new SweepGrid(points);
    }

    private static boolean isValidKey(String key, String part, List<String> values, List<String> problems) {
        String where = SOURCE + " " + part.trim();
        if (values.isEmpty()) {
            problems.add(where + ": expected key=value,value,...");
        } else if (ConfigKey.find(key).isEmpty()) {
            problems.add(where + ": " + ConfigKey.unknownKeyMessage(key));
        } else if (key.equals(ConfigKey.RUN.key()) || ConfigKey.JOB_KEYS.contains(ConfigKey.find(key).get())) {
            problems.add(where + ": '" + key + "' cannot be swept; set it in the job file or with --set");
        } else {
            return true;
        }
        return false;
    }

    private static List<String> values(String text) {
        List<String> values = new ArrayList<>();
        for (String value : text.split(",")) {
            if (!value.isBlank()) {
                values.add(value.trim());
            }
        }
        return values;
    }

    private static List<Map<String, Setting>> expand(
            List<Map<String, Setting>> points, String key, List<String> values, Path workingDirectory) {
        List<Map<String, Setting>> expanded = new ArrayList<>();
        for (Map<String, Setting> point : points) {
            for (String value : values) {
                Map<String, Setting> next = new LinkedHashMap<>(point);
                next.put(key, new Setting(value, SOURCE + " " + key + "=" + value, workingDirectory));
                expanded.add(next);
            }
        }
        return expanded;
    }

    private static String runId(Map<String, Setting> point) {
        StringBuilder id = new StringBuilder();
        for (Map.Entry<String, Setting> entry : point.entrySet()) {
            if (id.length() > 0) {
                id.append('_');
            }
            id.append(entry.getKey()).append('-').append(entry.getValue().value().replaceAll("[^A-Za-z0-9._-]", "-"));
        }
        return id.toString();
    }

    /**
     * Combines table rows with grid points: every row with every point. Without a table the
     * points are the runs.
     */
    static List<Map<String, Setting>> combine(
            List<Map<String, Setting>> rows, List<Map<String, Setting>> points, boolean hasTable,
            List<String> problems) {
        if (points.size() == 1 && points.get(0).isEmpty()) {
            return rows;
        }
        if (!hasTable) {
            return points;
        }
        List<Map<String, Setting>> combined = new ArrayList<>();
        for (Map<String, Setting> row : rows) {
            for (Map<String, Setting> point : points) {
                combined.add(combineOne(row, point, problems));
            }
        }
        return combined;
    }

    private static Map<String, Setting> combineOne(
            Map<String, Setting> row, Map<String, Setting> point, List<String> problems) {
        Map<String, Setting> merged = new LinkedHashMap<>(row);
        for (Map.Entry<String, Setting> entry : point.entrySet()) {
            String key = entry.getKey();
            if (key.equals(ConfigKey.RUN.key())) {
                String rowId = row.containsKey(key) ? row.get(key).value() : "";
                String id = rowId.isEmpty() ? entry.getValue().value() : rowId + "_" + entry.getValue().value();
                merged.put(key, new Setting(id, entry.getValue().source(), entry.getValue().baseFolder()));
            } else if (row.containsKey(key)) {
                String problem = SOURCE + " " + key + ": '" + key
                        + "' is also a column of the hyperparameters table; sweep it in one place only";
                if (!problems.contains(problem)) {
                    problems.add(problem);
                }
            } else {
                merged.put(key, entry.getValue());
            }
        }
        return merged;
    }
}
