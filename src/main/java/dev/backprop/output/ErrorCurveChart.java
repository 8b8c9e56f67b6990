package dev.backprop.output;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/**
 * Draws the error curves of every run of an output folder on one chart, with JFreeChart: the
 * training {@code mean_error} of each error-log row as a solid line and the validation error per
 * held-out row ({@code validation_error / validation_rows}) as a dashed line of the same color.
 * The x axis is the epoch when every run logged once per epoch, else the update step. The y axis
 * is logarithmic when every value is positive. Written as PNG and SVG; needs no display
 * ({@code java.awt.headless} is set).
 */
public final class ErrorCurveChart {

    /** Chart width in pixels. */
    public static final int WIDTH = 1000;
    /** Chart height in pixels. */
    public static final int HEIGHT = 600;

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)
    };

    private ErrorCurveChart() {}

    /**
     * Draws the curves of the runs in {@code output} and writes them.
     *
     * @param png the PNG file to write, {@link #WIDTH} x {@link #HEIGHT} pixels
     * @param svg the SVG file to write, or null for none
     * @throws IllegalArgumentException if the folder holds no runs
     * @throws UncheckedIOException naming a file that cannot be read or written
     */
    public static void write(Path output, Path png, Path svg) {
        System.setProperty("java.awt.headless", "true");
        JFreeChart chart = chart(output);
        try {
            ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
        if (svg != null) {
            SVGGraphics2D graphics = new SVGGraphics2D(WIDTH, HEIGHT);
            chart.draw(graphics, new Rectangle(0, 0, WIDTH, HEIGHT));
            try {
                SVGUtils.writeToSVG(svg.toFile(), graphics.getSVGElement());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + svg, e);
            }
        }
    }

    private static JFreeChart chart(Path output) {
        List<Path> runs = RunFolders.list(output);
        Map<Path, List<ErrorLogReader.Row>> logs = new java.util.LinkedHashMap<>();
        runs.forEach(run -> logs.put(run, ErrorLogReader.read(run.resolve("error_log.parquet"))));
        boolean byEpoch = logs.values().stream().allMatch(ErrorCurveChart::isOnePerEpoch);

        XYSeriesCollection dataset = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        boolean allPositive = true;
        int color = 0;
        for (Map.Entry<Path, List<ErrorLogReader.Row>> entry : logs.entrySet()) {
            String id = RunFolders.runId(entry.getKey());
            double validationRows = validationRows(entry.getKey());
            XYSeries training = new XYSeries(id + " training");
            XYSeries validation = new XYSeries(id + " validation");
            for (ErrorLogReader.Row row : entry.getValue()) {
                double x = byEpoch ? row.epoch() : row.step();
                training.add(x, row.meanError());
                allPositive &= row.meanError() > 0;
                if (!Double.isNaN(row.validationError()) && validationRows > 0) {
                    validation.add(x, row.validationError() / validationRows);
                    allPositive &= row.validationError() > 0;
                }
            }
            Color runColor = PALETTE[color++ % PALETTE.length];
            addSeries(dataset, renderer, training, runColor, new BasicStroke(2f));
            if (validation.getItemCount() > 0) {
                addSeries(dataset, renderer, validation, runColor, new BasicStroke(2f, BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            }
        }

        ValueAxis yAxis = new NumberAxis("mean error per sample");
        if (allPositive) {
            LogAxis logAxis = new LogAxis("mean error per sample (log scale)");
            // LogAxis labels ticks as powers of ten by default (10^-0.35), which few can read at a glance.
            logAxis.setNumberFormatOverride(new java.text.DecimalFormat("0.###E0"));
            yAxis = logAxis;
        }
        NumberAxis xAxis = new NumberAxis(byEpoch ? "epoch" : "step");
        xAxis.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(dataset, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("Error curves: " + output.toAbsolutePath().normalize().getFileName(),
                JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static void addSeries(XYSeriesCollection dataset, XYLineAndShapeRenderer renderer, XYSeries series,
            Color color, BasicStroke stroke) {
        int index = dataset.getSeriesCount();
        dataset.addSeries(series);
        renderer.setSeriesPaint(index, color);
        renderer.setSeriesStroke(index, stroke);
    }

    private static boolean isOnePerEpoch(List<ErrorLogReader.Row> rows) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).epoch() != i + 1) {
                return false;
            }
        }
        return true;
    }

    private static double validationRows(Path run) {
        Object rows = JsonFiles.read(run.resolve("summary.json")).get("validation_rows");
        return rows instanceof Number number ? number.doubleValue() : 0.0;
    }
}
