package dev.backprop.mapreduce;

import java.io.IOException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * Merges the splits' profiles in split order, so problems are listed in file order, and writes
 * the whole file's profile once, under key 0.
 */
public final class ProfileReducer extends Reducer<LongWritable, DataProfile, LongWritable, DataProfile> {

    private DataProfile total;

    @Override
    protected void reduce(LongWritable splitStart, Iterable<DataProfile> profiles, Context context) {
        for (DataProfile profile : profiles) {
            if (total == null) {
                total = new DataProfile();
            }
            total.merge(profile);
        }
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
        context.write(new LongWritable(0), total == null ? new DataProfile() : total);
    }
}
