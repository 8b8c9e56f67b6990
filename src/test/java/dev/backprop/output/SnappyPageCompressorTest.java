package dev.backprop.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Snappy page compressor writes exactly the bytes Parquet's own Snappy codec writes. */
class SnappyPageCompressorTest {

    private static final long SEED = 29L;

    /** Pages of seeded random bytes (incompressible), of a repeated text and of zeros. */
    private static byte[] page(String kind, int size) {
        byte[] page = new byte[size];
        switch (kind) {
            case "random" -> new Random(SEED).nextBytes(page);
            case "text" -> {
                byte[] text = "mazur 0.5 3.510854812251261E-5 ".getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < size; i++) {
                    page[i] = text[i % text.length];
                }
            }
            default -> { } // zeros
        }
        return page;
    }

    @ParameterizedTest
    @ValueSource(strings = {"random", "text", "zeros"})
    void compressesPagesToTheBytesOfParquetsSnappyCodec(String kind) throws IOException {
        CodecFactory parquet = new CodecFactory(new PlainParquetConfiguration(), 1 << 20);
        CompressionCodecFactory.BytesInputCompressor expected =
                parquet.getCompressor(CompressionCodecName.SNAPPY);
        SnappyPageCompressor compressor = new SnappyPageCompressor();

        // Growing, then shrinking sizes: the reused buffer must not leak a longer page's tail.
        for (int size : new int[] {1, 100, 70_000, 1 << 20, 3}) {
            byte[] page = page(kind, size);
            byte[] want = expected.compress(BytesInput.from(page)).toByteArray();
            byte[] got = compressor.compress(BytesInput.from(page)).toByteArray();
            assertArrayEquals(want, got, kind + " page of " + size + " bytes");
        }
        parquet.release();
    }

    @Test
    void compressesSnappyOnlyAndDoesNotDecompress() {
        SnappyPageCompressor compressor = new SnappyPageCompressor();

        assertEquals(CompressionCodecName.SNAPPY,
                compressor.getCompressor(CompressionCodecName.SNAPPY).getCodecName());
        IllegalArgumentException wrongCodec = assertThrows(IllegalArgumentException.class,
                () -> compressor.getCompressor(CompressionCodecName.ZSTD));
        assertEquals("SnappyPageCompressor compresses SNAPPY only, not ZSTD",
                wrongCodec.getMessage());
        assertThrows(UnsupportedOperationException.class,
                () -> compressor.getDecompressor(CompressionCodecName.SNAPPY));
    }
}
