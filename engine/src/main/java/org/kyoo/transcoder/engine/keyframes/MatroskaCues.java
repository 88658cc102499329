package org.kyoo.transcoder.engine.keyframes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whether a Matroska file really holds Cues (its keyframe index), read from its first elements.
 *
 * <p>Asked before letting libav load the Cues: its Matroska seek, finding no usable Cues, reads
 * cluster after cluster to the end of the file to build an index, which for a file without Cues
 * (a recording cut short, a live stream saved as is) means reading the whole file inside a call
 * that cannot be cancelled. Such files are scanned instead, in batches.
 */
final class MatroskaCues {
    private static final long EBML = 0x1A45DFA3L;
    private static final long SEGMENT = 0x18538067L;
    private static final long SEEK_HEAD = 0x114D9B74L;
    private static final long SEEK = 0x4DBBL;
    private static final long SEEK_ID = 0x53ABL;
    private static final long SEEK_POSITION = 0x53ACL;
    private static final long CUES = 0x1C53BB6BL;
    private static final long CLUSTER = 0x1F43B675L;
    /** Top-level elements looked at before giving up (a file has a dozen before its first cluster). */
    private static final int MAX_ELEMENTS = 64;
    private static final int MAX_SEEK_HEAD = 1 << 16;

    private MatroskaCues() {}

    /** True when the file's Cues element is found, or its SeekHead points at one inside the file. */
    static boolean present(Path path) {
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = file.size();
            Header ebml = Header.read(file, 0);
            if (ebml == null || ebml.id != EBML || ebml.dataSize < 0) return false;
            Header segment = Header.read(file, ebml.dataStart + ebml.dataSize);
            if (segment == null || segment.id != SEGMENT) return false;
            long segmentStart = segment.dataStart;
            long position = segmentStart;
            for (int n = 0; n < MAX_ELEMENTS && position < size; n++) {
                Header element = Header.read(file, position);
                if (element == null || element.id == CLUSTER || element.dataSize < 0) return false;
                if (element.id == CUES) return true;
                if (element.id == SEEK_HEAD && element.dataSize <= MAX_SEEK_HEAD) {
                    long cues = cuesPosition(file, element);
                    // a corrupt SeekHead may point anywhere, even past what a long can add up to
                    if (cues >= 0 && cues < size) return isCuesAt(file, segmentStart + cues, size);
                }
                position = element.dataStart + element.dataSize;
            }
            return false;
        } catch (IOException | RuntimeException e) {
            // unreadable or nonsensical headers: the keyframes are scanned instead
            return false;
        }
    }

    /** The Cues position (relative to the segment's data) a SeekHead lists, -1 when none. */
    private static long cuesPosition(FileChannel file, Header seekHead) throws IOException {
        ByteBuffer body = ByteBuffer.allocate((int) seekHead.dataSize);
        file.read(body, seekHead.dataStart);
        body.flip();
        while (body.remaining() > 2) {
            Header seek = Header.parse(body, 0);
            if (seek == null || seek.dataSize < 0 || seek.dataSize > body.remaining()) return -1;
            ByteBuffer entry = body.slice(body.position(), (int) seek.dataSize);
            body.position(body.position() + (int) seek.dataSize);
            if (seek.id != SEEK) continue;
            long id = -1;
            long position = -1;
            while (entry.remaining() > 2) {
                Header field = Header.parse(entry, 0);
                if (field == null || field.dataSize < 0 || field.dataSize > entry.remaining()) return -1;
                if (field.dataSize > 8) {
                    entry.position(entry.position() + (int) field.dataSize);
                    continue;
                }
                long value = 0;
                for (int i = 0; i < field.dataSize; i++) value = (value << 8) | (entry.get() & 0xff);
                if (field.id == SEEK_ID) id = value;
                if (field.id == SEEK_POSITION) position = value;
            }
            if (id == CUES) return position;
        }
        return -1;
    }

    private static boolean isCuesAt(FileChannel file, long position, long size) throws IOException {
        if (position + 4 > size) return false;
        Header element = Header.read(file, position);
        return element != null && element.id == CUES;
    }

    /** An EBML element header: its ID, where its data starts, its data size (-1: unknown). */
    private record Header(long id, long dataStart, long dataSize) {
        static Header read(FileChannel file, long position) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(12);
            file.read(buffer, position);
            buffer.flip();
            return parse(buffer, position);
        }

        /** Parses at the buffer's position (advancing it); {@code offset} is the buffer position's place in the file. */
        static Header parse(ByteBuffer buffer, long offset) {
            int start = buffer.position();
            long id = varint(buffer, true);
            if (id < 0) return null;
            long size = varint(buffer, false);
            if (size == Long.MIN_VALUE) return null;
            return new Header(id, offset + (buffer.position() - start), size);
        }

        /** An EBML variable-length integer; IDs keep their length marker, sizes lose it (all ones: -1, unknown). */
        private static long varint(ByteBuffer buffer, boolean keepMarker) {
            if (!buffer.hasRemaining()) return keepMarker ? -1 : Long.MIN_VALUE;
            int first = buffer.get() & 0xff;
            int length = Integer.numberOfLeadingZeros(first) - 23;
            if (first == 0 || length > 8 || buffer.remaining() < length - 1) return keepMarker ? -1 : Long.MIN_VALUE;
            long value = keepMarker ? first : first & (0xff >> length);
            boolean allOnes = value == (0xff >> length);
            for (int i = 1; i < length; i++) {
                int b = buffer.get() & 0xff;
                allOnes &= b == 0xff;
                value = (value << 8) | b;
            }
            return !keepMarker && allOnes ? -1 : value;
        }
    }
}
