package dev.backprop.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads query results with DuckDB's JDBC driver, an independent Parquet reader. */
final class Duck {

    private Duck() {}

    /** Returns the first column of every row of {@code sql} as doubles; {@code FILE} is replaced by the path. */
    static List<Double> doubles(String sql, Path file) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql.replace("FILE", "'" + file + "'"))) {
            List<Double> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getDouble(1));
            }
            return values;
        }
    }

    /** Returns the first column of every row as strings. */
    static List<String> strings(String sql, Path file) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql.replace("FILE", "'" + file + "'"))) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
