package dev.backprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code train --plot}, {@code plot} and {@code runs} on the two-run iris sweep (20 epochs). */
class PlotAndRunsTest {

    @TempDir
    static Path output;

    private static CommandRun training;

    @BeforeAll
    static void trainTheSweep() {
        training = CommandRun.of("train", "conf/iris.properties", "--output", output.toString(), "--set",
                "epochs=20", "--set", "validation_fraction=0.2", "--plot", "--quiet");
        assertEquals(0, training.exitCode(), training.stderr());
    }

    @Test
    void trainPlotWritesADecodablePngAndAnSvg() throws Exception {
        BufferedImage image = ImageIO.read(output.resolve("error_curves.png").toFile());

        assertEquals(1000, image.getWidth());
        assertEquals(600, image.getHeight());
        DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
        // The SVG declares the W3C DTD; the test parses offline.
        xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document svg = xml.newDocumentBuilder().parse(output.resolve("error_curves.svg").toFile());
        assertEquals("svg", svg.getDocumentElement().getTagName());
        String text = svg.getDocumentElement().getTextContent();
        assertTrue(text.contains("lr0.01 training") && text.contains("lr0.05 validation"), text);
    }

    @Test
    void plotWritesToTheGivenFile() throws Exception {
        Path png = output.resolve("chart.png");
        CommandRun result = CommandRun.of("plot", output.toString(), "--output", png.toString(), "--quiet");

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(1000, ImageIO.read(png.toFile()).getWidth());
        assertTrue(output.resolve("chart.svg").toFile().isFile());
    }

    @Test
    void runsListsTheSweepSortedByValidationError() {
        CommandRun result = CommandRun.of("runs", output.toString());

        assertEquals(0, result.exitCode(), result.stderr());
        String[] lines = result.stdout().split("\n");
        assertEquals(3, lines.length, result.stdout());
        assertTrue(lines[0].matches("run\\s+learning_rate\\s+train_error\\s+val_error.*"), lines[0]);
        double first = Double.parseDouble(lines[1].trim().split("\\s+")[3]);
        double second = Double.parseDouble(lines[2].trim().split("\\s+")[3]);
        assertTrue(first <= second, result.stdout());
    }

    @Test
    void runsRefusesAFolderWithoutRuns(@TempDir Path empty) {
        CommandRun result = CommandRun.of("runs", empty.toString());

        assertEquals(ExitCode.CONFIG_ERROR, result.exitCode());
        assertTrue(result.stderr().contains("holds no run=<id> folders"), result.stderr());
    }
}
