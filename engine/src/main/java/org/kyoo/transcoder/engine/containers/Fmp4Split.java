package org.kyoo.transcoder.engine.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Cuts a complete fragmented MP4 file (ftyp, moov, then moof + mdat pairs) in two: the header
 * becomes the stream's init segment, the fragments its media segment. The muxer writes both into
 * one file; HLS wants them apart ({@code #EXT-X-MAP}).
 */
public final class Fmp4Split {
    private Fmp4Split() {}

    /** The header of a segment written at {@code file}, beside it until published. */
    public static Path initFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".init");
    }

    /** Moves the header of {@code file} to {@link #initFile(Path)}, leaving the fragments in {@code file}. */
    static void split(Path file) {
        try {
            byte[] all = Files.readAllBytes(file);
            int moof = firstFragment(all, file);
            Files.write(initFile(file), java.util.Arrays.copyOfRange(all, 0, moof));
            Files.write(file, java.util.Arrays.copyOfRange(all, moof, all.length));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot split the fragmented MP4 " + file, e);
        }
    }

    /** The offset of the first top-level moof box. */
    private static int firstFragment(byte[] all, Path file) {
        ByteBuffer b = ByteBuffer.wrap(all);
        int at = 0;
        while (at + 8 <= all.length) {
            long size = b.getInt(at) & 0xFFFFFFFFL;
            String type = new String(all, at + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
            if (type.equals("moof")) return at;
            if (size == 1 && at + 16 <= all.length) size = b.getLong(at + 8);
            if (size < 8 || at + size > all.length) break;
            at += (int) size;
        }
        throw new IllegalStateException("The muxer wrote no fragment into " + file);
    }
}
