package dev.backprop.mapreduce;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Writable;

/**
 * A sum over some training rows that MapReduce carries from mappers to the reducer: a vector
 * (a gradient sum, or weights to average), the rows' summed error, and counts.
 *
 * <p>Mutable, like every Hadoop {@link Writable}; {@link #merge} adds another sum into this one,
 * element by element. Not thread-safe.
 */
public final class PartialSum implements Writable {

    private double[] values = new double[0];
    private double error;
    private long samples;
    private long parts;
    private long correct;

    /** An empty sum, as Hadoop's deserialization needs. */
    public PartialSum() {}

    /**
     * A sum over {@code samples} rows from one part (a mapper's split).
     *
     * @param values the summed vector; kept, not copied
     * @param error the rows' summed error
     * @param samples rows summed
     * @param correct rows classified correctly (evaluation jobs; 0 otherwise)
     */
    PartialSum(double[] values, double error, long samples, long correct) {
        this.values = values;
        this.error = error;
        this.samples = samples;
        this.parts = 1;
        this.correct = correct;
    }

    /**
     * Adds {@code other} into this sum; an empty sum takes over a copy of the other's values.
     *
     * @throws IllegalArgumentException if both hold vectors of different lengths
     */
    public void merge(PartialSum other) {
        if (parts == 0) {
            values = other.values.clone();
        } else if (other.parts > 0) {
            if (other.values.length != values.length) {
                throw new IllegalArgumentException("cannot add a sum of " + other.values.length
                        + " values to one of " + values.length);
            }
            for (int i = 0; i < values.length; i++) {
                values[i] += other.values[i];
            }
        }
        error += other.error;
        samples += other.samples;
        parts += other.parts;
        correct += other.correct;
    }

    /** The summed vector; the array itself, not a copy. */
    double[] values() {
        return values;
    }

    /** Summed error of the rows. */
    double error() {
        return error;
    }

    /** Rows summed. */
    long samples() {
        return samples;
    }

    /** Parts (mapper outputs) summed. */
    long parts() {
        return parts;
    }

    /** Rows classified correctly, for evaluation jobs. */
    long correct() {
        return correct;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeInt(values.length);
        for (double value : values) {
            out.writeDouble(value);
        }
        out.writeDouble(error);
        out.writeLong(samples);
        out.writeLong(parts);
        out.writeLong(correct);
    }

    @Override
    public void readFields(DataInput in) throws IOException {
        int length = in.readInt();
        if (values.length != length) {
            values = new double[length];
        }
        for (int i = 0; i < length; i++) {
            values[i] = in.readDouble();
        }
        error = in.readDouble();
        samples = in.readLong();
        parts = in.readLong();
        correct = in.readLong();
    }
}
