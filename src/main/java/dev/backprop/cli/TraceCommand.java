package dev.backprop.cli;

import dev.backprop.output.TraceFile;
import dev.backprop.training.StepTrace;
import dev.backprop.training.TraceRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backprop trace CONFIG}: every intermediate value of the first updates. */
@Command(
        name = "trace",
        mixinStandardHelpOptions = true,
        description = {
            "Shows every intermediate quantity of the first N updates of the job's first run, in the notation"
                    + " of Mazur's worked example: net and out of each neuron, E of each output and E_total,"
                    + " dE/dout, dout/dnet and delta, and each weight's gradient (dE/dw) and new value.",
            "A 2-2-2 network names its weights w1..w8 and biases b1(h1), b1(h2), b2(o1), b2(o2); larger ones"
                    + " w(from,to) and b(neuron), neurons i1.., h1.. (h<layer>_<n> with several hidden"
                    + " layers), o1...",
            "Values are printed to 9 decimals; --output writes them exactly as Parquet (step, quantity, name,"
                    + " value). Needs batch_size=1."
        },
        footer = ExitCode.HELP_TEXT)
final class TraceCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(TraceCommand.class);

    @Parameters(index = "0", paramLabel = "CONFIG", description = "job file, e.g. conf/mazur.properties")
    private Path jobFile;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "1", description = "updates to trace (default 1)")
    private long steps;

    @Option(names = "--output", paramLabel = "FILE.parquet", description = "also write the trace as Parquet")
    private Path output;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "overrides a key of the job; repeatable")
    private List<String> overrides = new ArrayList<>();

    @Mixin
    private LoggingOptions logging;

    @Override
    public Integer call() {
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        }
        PreparedRun prepared = PreparedRun.firstRunOf(jobFile, overrides);
        List<TraceRow> rows = new StepTrace(prepared.run().architecture(), prepared.run().training())
                .trace(prepared.parameters(), prepared.training(), steps);
        System.out.print(table(rows));
        System.out.flush();
        if (output != null) {
            TraceFile.write(output, rows);
            LOG.info("wrote {} with {} rows", output, rows.size());
        }
        return ExitCode.SUCCESS;
    }

    /** The rows as an aligned table, a blank line between steps. */
    static String table(List<TraceRow> rows) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%5s  %-10s %-12s %18s%n", "step",
                "quantity", "name", "value"));
        long previousStep = rows.isEmpty() ? 0 : rows.get(0).step();
        for (TraceRow row : rows) {
            if (row.step() != previousStep) {
                text.append(System.lineSeparator());
                previousStep = row.step();
            }
            String value = row.quantity().equals("row") ? Long.toString((long) row.value())
                    : String.format(Locale.ROOT, "%.9f", row.value());
            text.append(String.format(Locale.ROOT, "%5d  %-10s %-12s %18s%n", row.step(), row.quantity(),
                    row.name(), value));
        }
        return text.toString();
    }
}
