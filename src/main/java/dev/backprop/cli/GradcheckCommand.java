package dev.backprop.cli;

import dev.backprop.network.Architecture;
import dev.backprop.network.Loss;
import dev.backprop.training.Examples;
import dev.backprop.training.GradientCheck;
import dev.backprop.training.TraceNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backprop gradcheck CONFIG}: analytic gradients against finite differences. */
@Command(
        name = "gradcheck",
        mixinStandardHelpOptions = true,
        description = {
            "Compares the training loop's gradients with central finite differences on the first K training"
                    + " rows of the job's first run (data, scaling and initial weights as train sets them up).",
            "Prints the largest difference |a - n| / max(1, |a|, |n|) and exits with 6 if it is above the"
                    + " tolerance, so it doubles as a self-test of activations and losses."
        },
        footer = ExitCode.HELP_TEXT)
final class GradcheckCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CONFIG", description = "job file, e.g. conf/xor.properties")
    private Path jobFile;

    @Option(names = "--samples", paramLabel = "K", defaultValue = "3", description = "training rows summed (default 3)")
    private int samples;

    @Option(names = "--tolerance", paramLabel = "T", defaultValue = "1e-6",
            description = "largest accepted difference (default 1e-6)")
    private double tolerance;

    @Option(names = "--max-parameters", paramLabel = "P", defaultValue = "5000",
            description = "parameters compared; a larger network gets a random subset from the seed (default 5000)")
    private int maxParameters;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "overrides a key of the job; repeatable")
    private List<String> overrides = new ArrayList<>();

    @Mixin
    private LoggingOptions logging;

    /** Chooses the analytic gradient under test; tests inject a broken one here. */
    private final BiFunction<Architecture, Loss, GradientCheck.GradientFunction> gradientUnderTest;

    /** The command as users run it: it checks the training loop's gradients. */
    GradcheckCommand() {
        this((architecture, loss) -> new GradientCheck(architecture, loss).trainerGradient());
    }

    /** A command that checks another gradient, for tests of the check itself. */
    GradcheckCommand(BiFunction<Architecture, Loss, GradientCheck.GradientFunction> gradientUnderTest) {
        this.gradientUnderTest = gradientUnderTest;
    }

    @Override
    public Integer call() {
        checkOptions();
        PreparedRun prepared = PreparedRun.firstRunOf(jobFile, overrides);
        Architecture architecture = prepared.run().architecture();
        Loss loss = prepared.run().loss();
        Examples rows = firstRows(prepared.training(), samples);

        GradientCheck.Result result = new GradientCheck(architecture, loss).check(prepared.parameters(), rows,
                gradientUnderTest.apply(architecture, loss), maxParameters, prepared.run().training().seed());
        boolean passed = result.largestDifference() <= tolerance;
        System.out.printf(Locale.ROOT, "gradcheck %s: layers=%s %s/%s loss=%s, %d rows, %d parameters%n",
                passed ? "passed" : "FAILED", architecture.layersText(), architecture.hiddenActivation().configName(),
                architecture.outputActivation().configName(), loss.configName(), rows.rows(),
                result.parametersChecked());
        System.out.printf(Locale.ROOT,
                "largest difference %.3e at %s (analytic %.12g, numeric %.12g), tolerance %.1e%n",
                result.largestDifference(), parameterName(architecture, result.worstParameter()), result.analytic(),
                result.numeric(), tolerance);
        System.out.flush();
        return passed ? ExitCode.SUCCESS : ExitCode.GRADIENT_CHECK_FAILED;
    }

    private void checkOptions() {
        if (samples < 1) {
            throw new IllegalArgumentException("--samples must be >= 1, got " + samples);
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("--tolerance must be > 0, got " + tolerance);
        }
        if (maxParameters < 1) {
            throw new IllegalArgumentException("--max-parameters must be >= 1, got " + maxParameters);
        }
    }

    private static Examples firstRows(Examples training, int count) {
        int[] rows = new int[Math.min(count, training.rows())];
        java.util.Arrays.setAll(rows, i -> i);
        return training.select(rows);
    }

    /** The trace's name of a flat parameter index. */
    static String parameterName(Architecture architecture, int index) {
        TraceNames names = new TraceNames(architecture);
        for (int layer = 1; layer <= architecture.depth(); layer++) {
            for (int j = 0; j < architecture.size(layer); j++) {
                if (architecture.biasIndex(layer, j) == index) {
                    return names.bias(layer, j);
                }
                for (int i = 0; i < architecture.size(layer - 1); i++) {
                    if (architecture.weightIndex(layer, j, i) == index) {
                        return names.weight(layer, j, i);
                    }
                }
            }
        }
        return "-";
    }
}
