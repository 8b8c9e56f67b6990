package dev.backprop.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Checks a Parquet file against the compatibility rules of case 17 (outputs that DuckDB, pandas
 * and Spark can open), reading the footer and every page header with parquet-java.
 */
final class ParquetFooters {

    static final Pattern COLUMN_NAME = Pattern.compile("^[a-z][a-z0-9_]*$");

    static final Set<Encoding> ALLOWED_ENCODINGS =
            EnumSet.of(Encoding.PLAIN, Encoding.PLAIN_DICTIONARY, Encoding.RLE, Encoding.BIT_PACKED);

    static final Set<CompressionCodecName> ALLOWED_CODECS = EnumSet.of(
            CompressionCodecName.UNCOMPRESSED, CompressionCodecName.SNAPPY, CompressionCodecName.GZIP);

    private static final Set<PageType> ALLOWED_PAGE_TYPES = EnumSet.of(PageType.DATA_PAGE, PageType.DICTIONARY_PAGE);

    private ParquetFooters() {}

    /** Asserts every rule; the messages name the file and the column at fault. */
    static void assertReadableEverywhere(Path file) throws IOException {
        assertEquals(1, rawFileMetaData(file).getVersion(), file + ": file format version");
        try (ParquetFileReader reader = ParquetFiles.openReader(file)) {
            for (Type field : reader.getFooter().getFileMetaData().getSchema().getFields()) {
                assertFlatSupportedColumn(file, field);
            }
            for (BlockMetaData block : reader.getFooter().getBlocks()) {
                for (ColumnChunkMetaData chunk : block.getColumns()) {
                    assertChunk(file, chunk);
                }
            }
        }
    }

    private static void assertFlatSupportedColumn(Path file, Type field) {
        String where = file + ", column " + field.getName();
        assertTrue(COLUMN_NAME.matcher(field.getName()).matches(), where + ": name");
        assertTrue(field.isPrimitive(), where + ": nested");
        assertFalse(field.isRepetition(Type.Repetition.REPEATED), where + ": repeated");
        PrimitiveTypeName type = field.asPrimitiveType().getPrimitiveTypeName();
        LogicalTypeAnnotation annotation = field.getLogicalTypeAnnotation();
        switch (type) {
            case DOUBLE -> assertEquals(null, annotation, where + ": annotation on " + type);
            case INT32, INT64 -> assertTrue(annotation == null || isSignedInteger(annotation),
                    where + ": annotation " + annotation + " on " + type);
            case BINARY -> assertEquals(LogicalTypeAnnotation.stringType(), annotation, where + ": not STRING");
            default -> throw new AssertionError(where + ": physical type " + type);
        }
    }

    private static boolean isSignedInteger(LogicalTypeAnnotation annotation) {
        return annotation instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation integer && integer.isSigned();
    }

    private static void assertChunk(Path file, ColumnChunkMetaData chunk) throws IOException {
        String where = file + ", column " + chunk.getPath();
        assertTrue(ALLOWED_CODECS.contains(chunk.getCodec()), where + ": codec " + chunk.getCodec());
        assertTrue(ALLOWED_ENCODINGS.containsAll(chunk.getEncodings()),
                where + ": encodings " + chunk.getEncodings());
        EnumSet<PageType> pageTypes = pageTypes(file, chunk);
        assertTrue(pageTypes.contains(PageType.DATA_PAGE), where + ": no v1 data page among " + pageTypes);
        for (PageType pageType : pageTypes) {
            assertTrue(ALLOWED_PAGE_TYPES.contains(pageType), where + ": page type " + pageType);
        }
    }

    /** Walks the page headers of one column chunk. */
    static EnumSet<PageType> pageTypes(Path file, ColumnChunkMetaData chunk) throws IOException {
        EnumSet<PageType> types = EnumSet.noneOf(PageType.class);
        byte[] bytes = Files.readAllBytes(file);
        ByteArrayInputStream in =
                new ByteArrayInputStream(bytes, (int) chunk.getStartingPos(), (int) chunk.getTotalSize());
        while (in.available() > 0) {
            PageHeader header = Util.readPageHeader(in);
            types.add(header.getType());
            in.skipNBytes(header.getCompressed_page_size());
        }
        return types;
    }

    /** Reads the Thrift footer itself, which holds the format version parquet-java does not expose. */
    static FileMetaData rawFileMetaData(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int footerLength = ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int footerStart = bytes.length - 8 - footerLength;
        return Util.readFileMetaData(new ByteArrayInputStream(bytes, footerStart, footerLength));
    }
}
