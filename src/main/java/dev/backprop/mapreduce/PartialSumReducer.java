package dev.backprop.mapreduce;

import java.io.IOException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * The job's single reducer: adds every split's partial sum, in split order (keys arrive sorted),
 * and writes the total once, under key 0.
 *
 * <p>Adding in a fixed order makes the total independent of which mapper finished first.
 */
public final class PartialSumReducer extends Reducer<LongWritable, PartialSum, LongWritable, PartialSum> {

    private final PartialSum total = new PartialSum();

    @Override
    protected void reduce(LongWritable splitStart, Iterable<PartialSum> sums, Context context) {
        for (PartialSum sum : sums) {
            total.merge(sum);
        }
    }

    @Override
    protected void cleanup(Context context) throws IOException, InterruptedException {
        context.write(new LongWritable(0), total);
    }
}
