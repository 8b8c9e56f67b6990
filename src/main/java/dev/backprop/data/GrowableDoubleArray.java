package dev.backprop.data;

import java.util.Arrays;

/**
 * A list of primitive doubles that grows by half its size when full, so that reading a file of
 * unknown length neither boxes values nor keeps per-row objects. Mutable; belongs to one thread.
 */
final class GrowableDoubleArray {

    /** The largest array length every common JVM allows. */
    private static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

    private double[] values = new double[1024];
    private int size;

    void add(double value) {
        if (size == values.length) {
            grow();
        }
        values[size++] = value;
    }

    int size() {
        return size;
    }

    /** Returns the values added so far, in an array of exactly that length. */
    double[] toArray() {
        return Arrays.copyOf(values, size);
    }

    private void grow() {
        if (values.length == MAX_LENGTH) {
            throw new IllegalStateException("more than " + MAX_LENGTH
                    + " values do not fit in one Java array; use fewer rows or columns");
        }
        int newLength = (int) Math.min(MAX_LENGTH, values.length + (long) (values.length >> 1));
        values = Arrays.copyOf(values, newLength);
    }
}
