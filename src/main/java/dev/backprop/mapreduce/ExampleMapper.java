package dev.backprop.mapreduce;

import dev.backprop.data.CsvLineLayout;
import dev.backprop.data.InputDataException;
import dev.backprop.data.InputProblem;
import dev.backprop.training.Examples;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * Reads the lines of one input split into blocks of scaled examples and hands each block to a
 * subclass; at the end of the split, the subclass's {@link PartialSum} is emitted once, keyed by
 * the split's start offset.
 *
 * <p>Summing the whole split in the mapper (in-mapper combining) keeps the row order within a
 * split fixed, and keying by split start makes the reducer add the splits in file order, so the
 * same splits give bitwise the same result on every run. The line at byte offset 0 is the header.
 * Weights come from the first file of the job's distributed cache.
 */
abstract class ExampleMapper extends Mapper<LongWritable, Text, LongWritable, PartialSum> {

    /** Rows parsed before a block is handed on. */
    private static final int BLOCK_ROWS = 512;

    private StepSettings settings;
    private CsvLineLayout layout;
    private double[] features;
    private double[] targets;
    private int blockRows;

    @Override
    protected void setup(Context context) throws IOException {
        settings = StepSettings.readFrom(context.getConfiguration());
        layout = settings.layout();
        features = new double[BLOCK_ROWS * settings.architecture().inputSize()];
        targets = new double[BLOCK_ROWS * settings.architecture().outputSize()];
        URI[] cacheFiles = context.getCacheFiles();
        double[] weights = cacheFiles == null || cacheFiles.length == 0
                ? null
                : WeightsFiles.read(context.getConfiguration(), cacheFiles[0],
                        settings.architecture().parameterCount());
        start(settings, weights);
    }

    @Override
    protected void map(LongWritable offset, Text line, Context context) throws IOException {
        context.getCounter(RowCounter.ROWS_READ).increment(1);
        String text = line.toString();
        if (offset.get() == 0 || CsvLineLayout.isBlank(text)) {
            context.getCounter(RowCounter.ROWS_SKIPPED).increment(1);
            return;
        }

        int featureCount = settings.architecture().inputSize();
        int featureOffset = blockRows * featureCount;
        String location = "line at byte offset " + offset.get();
        layout.parse(text, location, features, featureOffset, targets,
                        blockRows * settings.architecture().outputSize())
                .ifPresent(ExampleMapper::refuse);
        for (int feature = 0; feature < featureCount; feature++) {
            int at = featureOffset + feature;
            features[at] = (features[at] - settings.offsets()[feature]) * settings.factors()[feature];
        }
        blockRows++;
        if (blockRows == BLOCK_ROWS) {
            flushBlock(context);
        }
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
        flushBlock(context);
        long splitStart = context.getInputSplit() instanceof FileSplit split ? split.getStart() : 0;
        context.write(new LongWritable(splitStart), result());
    }

    private void flushBlock(Context context) {
        if (blockRows == 0) {
            return;
        }
        int featureCount = settings.architecture().inputSize();
        int targetCount = settings.architecture().outputSize();
        Examples block = blockRows == BLOCK_ROWS
                ? new Examples(blockRows, featureCount, targetCount, features, targets)
                : new Examples(blockRows, featureCount, targetCount,
                        java.util.Arrays.copyOf(features, blockRows * featureCount),
                        java.util.Arrays.copyOf(targets, blockRows * targetCount));
        process(block);
        context.getCounter(RowCounter.SAMPLES_PROCESSED).increment(blockRows);
        blockRows = 0;
    }

    private static void refuse(InputProblem problem) {
        // The profile job checked every line before training; a problem now means the file changed.
        throw new InputDataException(List.of(problem));
    }

    /** Receives the settings and the weights from the cache (null if the job ships none). */
    abstract void start(StepSettings settings, double[] weights);

    /** Processes one block of rows; the block is only valid during the call. */
    abstract void process(Examples block);

    /** The split's result, emitted once after its last block. */
    abstract PartialSum result();
}
