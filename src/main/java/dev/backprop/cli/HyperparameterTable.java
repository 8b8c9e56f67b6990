package dev.backprop.cli;

import dev.backprop.data.CsvTable;
import dev.backprop.data.ParquetTable;
import dev.backprop.data.StorageLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the hyperparameters table: a CSV or Parquet file with a column per config key and one row per
 * run. A table without a {@code run} column numbers its runs 1, 2, 3 in row order; an empty cell
 * leaves the key at its job-file or default value.
 */
final class HyperparameterTable {

    private HyperparameterTable() {}

    /**
     * Returns one map of settings per row; unknown columns are added to {@code problems}.
     *
     * @param jobFolder folder that relative paths in the table are taken from
     * @throws dev.backprop.data.InputDataException when the file is not a well-formed table
     */
    static List<Map<String, Setting>> read(
            StorageLocation file, Path jobFolder, List<String> problems) {
        CsvTable table = isParquet(file) ? ParquetTable.read(file) : CsvTable.read(file.localCopy());
        for (String column : table.header()) {
            if (ConfigKey.find(column).isEmpty() || column.equals(ConfigKey.HYPERPARAMETERS.key())) {
                problems.add(file + " line 1, column '" + column + "': " + ConfigKey.unknownKeyMessage(column));
            } else if (ConfigKey.JOB_KEYS.contains(ConfigKey.find(column).get())) {
                problems.add(file + " line 1, column '" + column + "': '" + column
                        + "' holds for the whole job; set it in the job file or with --set");
            }
        }

        List<Map<String, Setting>> rows = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            Map<String, Setting> settings = new LinkedHashMap<>();
            String where = file + " line " + row.lineNumber();
            if (!table.header().contains(ConfigKey.RUN.key())) {
                settings.put(ConfigKey.RUN.key(), new Setting(String.valueOf(rows.size() + 1), where, jobFolder));
            }
            for (String column : table.header()) {
                String value = row.get(column).trim();
                if (!value.isEmpty() || column.equals(ConfigKey.RUN.key())) {
                    settings.put(column, new Setting(value, where + ", column '" + column + "'", jobFolder));
                }
            }
            rows.add(settings);
        }
        if (rows.isEmpty()) {
            problems.add(file + ": the hyperparameters table has a header but no rows; add one row per run");
        }
        return rows;
    }

    /** The table's format follows its file name: {@code .parquet} (or {@code .parq}), else CSV. */
    private static boolean isParquet(StorageLocation file) {
        return file.text().endsWith(".parquet") || file.text().endsWith(".parq");
    }
}
