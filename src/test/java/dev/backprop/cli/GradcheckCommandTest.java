package dev.backprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.network.Activation;
import dev.backprop.training.GradientCheck;
import dev.backprop.training.ReferenceBackprop;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code backprop gradcheck}: passes on the shipped jobs, fails with exit code 6 on a broken derivative. */
class GradcheckCommandTest {

    @Test
    void passesOnTheShippedJobs() {
        for (String job : new String[] {"conf/mazur.properties", "conf/xor.properties", "conf/iris.properties"}) {
            CommandRun result = CommandRun.of("gradcheck", job, "--quiet");
            assertEquals(ExitCode.SUCCESS, result.exitCode(), job + ": " + result.stdout() + result.stderr());
            assertTrue(result.stdout().startsWith("gradcheck passed"), result.stdout());
        }
    }

    @Test
    void brokenDerivativeFailsWithExitCodeSix() {
        // The seam: picocli's factory builds the command around a gradient with a wrong sigmoid derivative.
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == GradcheckCommand.class) {
                    return type.cast(new GradcheckCommand((architecture, loss) -> {
                        ReferenceBackprop broken = new ReferenceBackprop(architecture, loss, (activation, out) ->
                                activation == Activation.SIGMOID ? out : activation.derivativeFromOutput(out));
                        return referenceGradient(broken);
                    }));
                }
                return CommandLine.defaultFactory().create(type);
            }
        };

        CommandRun result = CommandRun.with(factory, "gradcheck", "conf/xor.properties", "--quiet");

        assertEquals(ExitCode.GRADIENT_CHECK_FAILED, result.exitCode(), result.stdout() + result.stderr());
        assertTrue(result.stdout().startsWith("gradcheck FAILED"), result.stdout());
    }

    private static GradientCheck.GradientFunction referenceGradient(ReferenceBackprop reference) {
        return (parameters, examples) -> {
            double[] sum = new double[parameters.length];
            for (int row = 0; row < examples.rows(); row++) {
                double[] input = java.util.Arrays.copyOfRange(examples.features(), row * examples.featureCount(),
                        (row + 1) * examples.featureCount());
                double[] target = java.util.Arrays.copyOfRange(examples.targets(), row * examples.targetCount(),
                        (row + 1) * examples.targetCount());
                double[] gradient = reference.step(parameters, input, target).gradient();
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += gradient[i];
                }
            }
            return sum;
        };
    }
}
