package dev.backprop.mapreduce;

import dev.backprop.data.CsvLineLayout;
import java.io.IOException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * Checks every line of its split and profiles the good ones (see {@link DataProfile}); emits one
 * profile per split, keyed by the split's start offset. Bad lines are recorded, not thrown, so that
 * the driver can list every problem in the file at once, as the local reader does.
 */
public final class ProfileMapper extends Mapper<LongWritable, Text, LongWritable, DataProfile> {

    private CsvLineLayout layout;
    private boolean isLabelEncoded;
    private DataProfile profile;
    private double[] features;
    private double[] targets;

    @Override
    protected void setup(Context context) {
        StepSettings settings = StepSettings.readFrom(context.getConfiguration());
        layout = settings.layout();
        isLabelEncoded = settings.request().isLabelEncoded();
        features = new double[settings.architecture().inputSize()];
        targets = new double[settings.architecture().outputSize()];
        profile = new DataProfile(features.length);
    }

    @Override
    protected void map(LongWritable offset, Text line, Context context) {
        context.getCounter(RowCounter.ROWS_READ).increment(1);
        String text = line.toString();
        if (offset.get() == 0 || CsvLineLayout.isBlank(text)) {
            context.getCounter(RowCounter.ROWS_SKIPPED).increment(1);
            return;
        }
        String location = "line at byte offset " + offset.get();
        layout.parse(text, location, features, 0, targets, 0).ifPresentOrElse(profile::addProblem, () -> {
            profile.addRow(features, isLabelEncoded ? layout.label(text, location) : null);
            context.getCounter(RowCounter.SAMPLES_PROCESSED).increment(1);
        });
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
        long splitStart = context.getInputSplit() instanceof FileSplit split ? split.getStart() : 0;
        context.write(new LongWritable(splitStart), profile);
    }
}
