package dev.backprop.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/**
 * The top-level command line registers only the command it is given (for start-up time); these
 * tests pin down that the usage, {@code help} and mistyped commands still see every command.
 */
class MainTest {

    private static final List<String> COMMAND_NAMES = List.of("train", "predict", "evaluate",
            "trace", "gradcheck", "plot", "runs", "show", "convert", "make-data", "help");

    @Test
    void registersEveryCommandUnderTheNameItsAnnotationGives() {
        assertEquals(COMMAND_NAMES, List.copyOf(Main.COMMANDS.keySet()));
        for (Map.Entry<String, Class<?>> command : Main.COMMANDS.entrySet()) {
            assertEquals(command.getKey(), command.getValue().getAnnotation(Command.class).name());
        }
    }

    @Test
    void helpListsEveryCommand() {
        CommandRun run = CommandRun.of("--help");

        assertEquals(ExitCode.SUCCESS, run.exitCode(), run.stderr());
        assertListsEveryCommand(run.stdout());
    }

    @Test
    void missingCommandIsAUsageErrorListingEveryCommand() {
        CommandRun run = CommandRun.of();

        assertEquals(ExitCode.CONFIG_ERROR, run.exitCode());
        assertListsEveryCommand(run.stderr());
    }

    @Test
    void namedCommandShowsItsOwnUsage() {
        CommandRun direct = CommandRun.of("train", "--help");
        CommandRun viaHelp = CommandRun.of("help", "train");

        assertEquals(ExitCode.SUCCESS, direct.exitCode(), direct.stderr());
        assertTrue(direct.stdout().startsWith("Usage: backprop train "), direct.stdout());
        assertEquals(ExitCode.SUCCESS, viaHelp.exitCode(), viaHelp.stderr());
        assertEquals(direct.stdout(), viaHelp.stdout());
    }

    @Test
    void mistypedCommandIsAUsageErrorNamingIt() {
        CommandRun run = CommandRun.of("trian", "conf/xor.properties");

        assertEquals(ExitCode.CONFIG_ERROR, run.exitCode());
        String expected = "backprop: error: Unmatched arguments from index 0: 'trian'";
        assertTrue(run.stderr().startsWith(expected), run.stderr());
    }

    private static void assertListsEveryCommand(String usage) {
        assertTrue(usage.contains("Commands:"), usage);
        assertAll(COMMAND_NAMES.stream().map(name -> () -> assertTrue(
                usage.contains("\n  " + name + " "), "usage lacks " + name + ":\n" + usage)));
    }
}
