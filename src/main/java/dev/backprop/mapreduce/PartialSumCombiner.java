package dev.backprop.mapreduce;

import java.io.IOException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * Adds the partial sums that share a key (a split's start offset) on the map side.
 *
 * <p>The mappers already sum their whole split in memory, so a split normally reaches the combiner
 * as one value and passes through unchanged; the combiner keeps the shuffle at one record per
 * split should a mapper ever emit a split in several parts.
 */
public final class PartialSumCombiner extends Reducer<LongWritable, PartialSum, LongWritable, PartialSum> {

    @Override
    protected void reduce(LongWritable splitStart, Iterable<PartialSum> sums, Context context)
            throws IOException, InterruptedException {
        PartialSum total = new PartialSum();
        for (PartialSum sum : sums) {
            total.merge(sum);
        }
        context.write(splitStart, total);
    }
}
