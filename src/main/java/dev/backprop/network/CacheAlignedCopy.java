package dev.backprop.network;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An array for a working copy of the parameters in which the copy starts on a 64-byte cache
 * line, when the JVM's heap allows it.
 *
 * <p>The per-sample weight step loads and stores every weight once per sample; a 512-bit store
 * that straddles two cache lines costs about twice one that does not, and Java gives no aligned
 * arrays. But the G1 collector (the JVM's default) puts every array of at least half a heap
 * region at the start of a region of its own and never moves it, so its elements start a fixed
 * header size after a region boundary. This class makes the array that large and starts the
 * copy where the next cache line begins: rows of eight or more weights then never straddle
 * lines. With another collector the copy starts at element 0 and is as fast as the parameters
 * themselves. Either way the arithmetic, and so every result, is the same.
 *
 * @param values the array, at least {@code offset + length} long
 * @param offset where the copy starts in {@code values}
 */
public record CacheAlignedCopy(double[] values, int offset) {

    private static final Logger LOG = LoggerFactory.getLogger(CacheAlignedCopy.class);

    private static final int LINE_BYTES = 64;

    /**
     * Room for {@code length} values starting on a cache line when the heap is G1's; costs up to
     * half a heap region (0.5 to 16 MB) for a small network.
     */
    public static CacheAlignedCopy of(int length) {
        long regionBytes = g1RegionBytes();
        if (regionBytes == 0) {
            return new CacheAlignedCopy(new double[length], 0);
        }
        int offset = (LINE_BYTES - arrayHeaderBytes()) / Double.BYTES;
        long humongous = regionBytes / 2 / Double.BYTES + 1;
        int size = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(humongous, (long) offset + length));
        return new CacheAlignedCopy(new double[size], offset);
    }

    /** Copies {@code parameters} into the copy. */
    public void load(double[] parameters) {
        System.arraycopy(parameters, 0, values, offset, parameters.length);
    }

    /** Copies the copy back into {@code parameters}. */
    public void store(double[] parameters) {
        System.arraycopy(values, offset, parameters, 0, parameters.length);
    }

    /** G1's region size in bytes, or 0 when the JVM runs another collector or does not say. */
    private static long g1RegionBytes() {
        try {
            HotSpotDiagnosticMXBean options = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (!Boolean.parseBoolean(options.getVMOption("UseG1GC").getValue())) {
                return 0;
            }
            return Long.parseLong(options.getVMOption("G1HeapRegionSize").getValue());
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("heap region size unknown; the working copy of the weights is not cache-aligned", e);
            return 0;
        }
    }

    /** Bytes before a double array's first element: 16 with compressed class pointers, else 24. */
    private static int arrayHeaderBytes() {
        try {
            HotSpotDiagnosticMXBean options = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return Boolean.parseBoolean(options.getVMOption("UseCompressedClassPointers").getValue()) ? 16 : 24;
        } catch (RuntimeException | LinkageError e) {
            return 16;
        }
    }
}
