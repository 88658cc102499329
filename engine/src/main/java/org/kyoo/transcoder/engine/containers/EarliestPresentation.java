package org.kyoo.transcoder.engine.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Moves a written fragment's decode times earlier so that its {@code tfdt} is its earliest
 * presentation time (CMAF's rule), not its keyframe's: the MP4 muxer, with signed composition
 * offsets, always shows the first sample at the {@code tfdt}.
 *
 * <p>It matters after an open-GOP keyframe (HEVC's CRA): the leading pictures decoded after it are
 * shown before it, so with the keyframe at the {@code tfdt} they need larger negative offsets than
 * a fragment without them. libavformat (ffprobe, mpv) moves every picture of a fragment later by
 * its largest negative offset, so two fragments read 2 frames apart: a hole at each boundary.
 * Starting the decode at the earliest picture keeps the largest offset the GOP's own reordering,
 * the same in every fragment. Presentation times do not change; only tfdt and offsets, in place.
 */
final class EarliestPresentation {
    private EarliestPresentation() {}

    /**
     * Moves the decode times of the one-fragment file {@code segment} earlier by {@code lead}
     * (track timescale): {@code tfdt} minus lead, every composition offset plus lead.
     */
    static void moveDecodeEarlier(Path segment, long lead) {
        if (lead <= 0) return;
        try {
            byte[] data = Files.readAllBytes(segment);
            ByteBuffer b = ByteBuffer.wrap(data);
            int[] moof = box(data, 0, data.length, "moof");
            int[] traf = box(data, moof[0], moof[1], "traf");
            int[] tfdt = box(data, traf[0], traf[1], "tfdt");
            if (data[tfdt[0]] == 1) {
                b.putLong(tfdt[0] + 4, b.getLong(tfdt[0] + 4) - lead);
            } else {
                b.putInt(tfdt[0] + 4, (int) ((b.getInt(tfdt[0] + 4) & 0xFFFFFFFFL) - lead));
            }
            int[] trun = box(data, traf[0], traf[1], "trun");
            int flags = b.getInt(trun[0]) & 0xFFFFFF;
            if ((flags & 0x800) == 0) throw new IllegalStateException("A fragment with leading pictures and no composition offsets: " + segment);
            int samples = b.getInt(trun[0] + 4);
            int at = trun[0] + 8 + ((flags & 0x1) != 0 ? 4 : 0) + ((flags & 0x4) != 0 ? 4 : 0);
            for (int i = 0; i < samples; i++) {
                at += ((flags & 0x100) != 0 ? 4 : 0) + ((flags & 0x200) != 0 ? 4 : 0) + ((flags & 0x400) != 0 ? 4 : 0);
                b.putInt(at, Math.toIntExact(b.getInt(at) + lead));
                at += 4;
            }
            Files.write(segment, data);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move the decode times of " + segment, e);
        }
    }

    /** The payload bounds {start, end} of the first box named {@code type} directly within [from, to). */
    private static int[] box(byte[] data, int from, int to, String type) {
        ByteBuffer b = ByteBuffer.wrap(data);
        int at = from;
        while (at + 8 <= to) {
            int size = b.getInt(at);
            if (size < 8 || at + size > to) break;
            if (new String(data, at + 4, 4, StandardCharsets.US_ASCII).equals(type)) {
                int payload = at + 8;
                return new int[] {payload, at + size};
            }
            at += size;
        }
        throw new IllegalStateException("No " + type + " box in the fragment written by the muxer");
    }
}
