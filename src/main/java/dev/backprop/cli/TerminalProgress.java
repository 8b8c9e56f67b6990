package dev.backprop.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar of one run's epochs on stderr (me.tongfei:progressbar), for people watching a
 * terminal. It is only ever shown when stderr is an interactive terminal: never under cron, in a
 * log file or a pipe, so logs hold plain lines only.
 *
 * <p>Not thread-safe; the training thread owns it.
 */
final class TerminalProgress implements AutoCloseable {

    private boolean isClosed;

    private final ProgressBar bar;

    private TerminalProgress(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * Starts a bar for {@code epochs} epochs of run {@code runId}, or returns empty when stderr is
     * not a terminal.
     */
    static Optional<TerminalProgress> startIfTerminal(String runId, int epochs) {
        if (!isStderrTerminal()) {
            return Optional.empty();
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("run " + runId)
                .setInitialMax(epochs)
                .setUnit(" epochs", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
        return Optional.of(new TerminalProgress(bar));
    }

    /**
     * Tells whether stderr is an interactive terminal. {@code System.console()} only covers stdin
     * and stdout in Java 17, so on Linux the target of file descriptor 2 is checked as well.
     *
     * <p>Known limitation: where {@code /proc} does not exist (macOS, Windows) no bar is shown,
     * because a redirected stderr could not be told from a terminal there.
     */
    static boolean isStderrTerminal() {
        if (System.console() == null) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** Moves the bar to {@code epoch} and shows the epoch's mean error next to it. */
    void update(int epoch, double meanError) {
        bar.stepTo(epoch);
        bar.setExtraMessage(String.format(Locale.ROOT, "mean error %.4g", meanError));
    }

    /** Draws the final state and ends the bar's line. */
    @Override
    public void close() {
        // Closed once when training ends (before the summary line) and again on the way out.
        if (!isClosed) {
            isClosed = true;
            bar.close();
        }
    }
}
