package dev.backprop.cli;

import dev.backprop.output.ErrorCurveChart;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backprop plot OUT}: the error curves of every run of an output folder. */
@Command(
        name = "plot",
        mixinStandardHelpOptions = true,
        description = {
            "Draws the error curve (mean error per sample against epoch, or against step when rows were logged"
                    + " more often) of every run in OUT, training solid and validation dashed, one color per run,"
                    + " on one chart with a legend.",
            "Writes a 1000x600 PNG and an SVG beside it (same name, .svg)."
        },
        footer = ExitCode.HELP_TEXT)
final class PlotCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(PlotCommand.class);

    @Parameters(index = "0", paramLabel = "OUT", description = "a job's output folder, e.g. out/iris")
    private Path output;

    @Option(names = "--output", paramLabel = "FILE.png", description = "PNG to write; default OUT/error_curves.png")
    private Path png;

    @Mixin
    private LoggingOptions logging;

    @Override
    public Integer call() {
        draw(output, png == null ? output.resolve("error_curves.png") : png);
        return ExitCode.SUCCESS;
    }

    /** Draws the chart of {@code output} into {@code png} and the matching {@code .svg}. */
    static void draw(Path output, Path png) {
        String name = png.getFileName().toString();
        if (!name.toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            throw new IllegalArgumentException("--output " + png + " must end in .png");
        }
        Path svg = png.resolveSibling(name.substring(0, name.length() - 4) + ".svg");
        ErrorCurveChart.write(output, png, svg);
        LOG.info("wrote {} and {}", png, svg);
    }
}
