package org.kyoo.transcoder.engine.keyframes;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entries_count;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entry;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVIndexEntry;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.media.MediaInput;

/**
 * Keyframes from the index a container already holds, instead of reading the whole file: MP4
 * sample tables (loaded at open) and Matroska/WebM Cues (loaded by the first seek). Gives the same
 * presentation times as a scan of the video packets' key flags, or null when the index is missing
 * or does not look trustworthy (then the caller scans). Read during the probe, whose open it shares.
 */
public final class ContainerKeyframes {
    /** A sample of keyframes whose real PTS is read back to check the decode-to-presentation shift. */
    private static final int CHECKED_KEYFRAMES = 8;
    /** Keyframes read back to see whether the file's GOPs are open (leading pictures after the keyframe). */
    private static final int LEADING_SAMPLES = 4;
    /** Cut points further apart than this on average are too sparse an index to trust; the scan knows better. */
    private static final double MAX_MEAN_INTERVAL = 20;

    /** sizeof(AVIndexEntry) on 64-bit Linux. */
    private static final int ENTRY_SIZE = 24;

    private ContainerKeyframes() {}

    /** True for the formats whose index is worth reading. */
    public static boolean supports(MediaInput input) {
        String format = input.formatName();
        return isMatroska(format) || isMp4(format);
    }

    private static boolean isMatroska(String format) {
        return format.startsWith("matroska");
    }

    private static boolean isMp4(String format) {
        return format.startsWith("mov,");
    }

    /**
     * The keyframe times (seconds) of stream {@code video}, or null to scan instead. Moves the
     * demuxer's read position: reopen before scanning.
     */
    public static double[] read(MediaInput input, int video, double duration) {
        AVStream stream = input.stream(video);
        for (int i = 0; i < input.streamCount(); i++) {
            if (i != video) input.stream(i).discard(AVDISCARD_ALL);
        }
        long[] ticks;
        if (isMatroska(input.formatName())) {
            if (!MatroskaCues.present(input.path())) return null;
            // Matroska reads its Cues on the first seek, not at open; Cue times are presentation times.
            if (av_seek_frame(input.context(), video, 0, AVSEEK_FLAG_BACKWARD) < 0) return null;
            ticks = keyframeEntries(stream);
        } else if (isMp4(input.formatName())) {
            ticks = mp4PresentationTimes(input, video, keyframeEntries(stream), CHECKED_KEYFRAMES);
        } else {
            return null;
        }
        if (ticks == null || ticks.length < 2) return null;
        // open GOPs: an index gives keyframes, not where their segments are first shown; the scan does
        if (LeadingPictures.foundAfterAny(input, video, ticks, LEADING_SAMPLES)) return null;
        AVRational timeBase = stream.time_base();
        double[] times = new double[ticks.length];
        for (int i = 0; i < ticks.length; i++) times[i] = ticks[i] * (long) timeBase.num() / (double) timeBase.den();
        if (!looksComplete(input, stream, times, duration)) return null;
        double[] thinned = IntraOnly.thin(times, IntraOnly.spacing(stream.codecpar().codec_id()));
        return thinned.length >= 2 ? thinned : null;
    }

    /** Timestamps of the index entries flagged as keyframes, in index order. */
    static long[] keyframeEntries(AVStream stream) {
        int count = avformat_index_get_entries_count(stream);
        if (count == 0) return new long[0];
        long[] bulk = keyframeEntriesInBulk(stream, count);
        if (bulk != null) return bulk;
        long[] ticks = new long[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            AVIndexEntry entry = avformat_index_get_entry(stream, i);
            if (entry != null && (entry.flags() & Av.INDEX_KEYFRAME) != 0) ticks[n++] = entry.timestamp();
        }
        return Arrays.copyOf(ticks, n);
    }

    /**
     * The same, read straight from the index's memory: an MP4 index has an entry per frame (172 800
     * for 2 h at 24 fps) and one JNI call each costs tens of milliseconds. The entries are one C
     * array ({@code int64 pos; int64 timestamp; int flags:2, size:30; int min_distance}); the layout
     * is checked against the accessors first, else null (use those).
     */
    static long[] keyframeEntriesInBulk(AVStream stream, int count) {
        int size = Pointer.sizeof(AVIndexEntry.class);
        if (size != ENTRY_SIZE || ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) return null;
        AVIndexEntry first = avformat_index_get_entry(stream, 0);
        AVIndexEntry last = avformat_index_get_entry(stream, count - 1);
        if (first == null || last == null || last.address() - first.address() != (long) (count - 1) * size) return null;
        BytePointer memory = new BytePointer(first);
        memory.position(0).capacity((long) count * size).limit((long) count * size);
        ByteBuffer entries = memory.asByteBuffer().order(ByteOrder.nativeOrder());
        int middle = count / 2;
        AVIndexEntry probe = avformat_index_get_entry(stream, middle);
        for (int i : new int[] {0, middle, count - 1}) {
            // The accessor reads the 2-bit field as signed (AVINDEX_DISCARD_FRAME comes back as -2).
            AVIndexEntry entry = i == 0 ? first : i == middle ? probe : last;
            if (entries.getLong(i * size + 8) != entry.timestamp() || (entries.getInt(i * size + 16) & 3) != (entry.flags() & 3)) {
                return null;
            }
        }
        long[] ticks = new long[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            // Little-endian bit fields start at the low bit: flags is the low 2 bits of the third word.
            if ((entries.getInt(i * size + 16) & Av.INDEX_KEYFRAME) != 0) ticks[n++] = entries.getLong(i * size + 8);
        }
        return Arrays.copyOf(ticks, n);
    }

    /**
     * MP4 index entries hold decode times; a keyframe's presentation time adds its composition
     * offset, which the entry lacks. The offset of the first keyframe is read from its packet and
     * assumed for all (encoders keep the reorder delay constant); a sample of keyframes spread over
     * the file is read back to prove it, else every keyframe's packet is read.
     *
     * @param checked how many keyframes to read back; 0 reads every one
     */
    static long[] mp4PresentationTimes(MediaInput input, int video, long[] decodeTimes, int checked) {
        if (decodeTimes.length < 2) return null;
        AVPacket packet = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
        try {
            // The earliest timestamp lands on the first sample whatever the seek compares against.
            long first = presentationTimeAt(input, video, decodeTimes[0], decodeTimes[0], packet);
            if (first == AV_NOPTS_VALUE) return null;
            long shift = first - decodeTimes[0];
            long[] predicted = new long[decodeTimes.length];
            for (int i = 0; i < decodeTimes.length; i++) predicted[i] = decodeTimes[i] + shift;
            boolean confirmed = checked > 0;
            for (int k = 1; k <= checked && confirmed; k++) {
                int i = (int) ((long) k * (decodeTimes.length - 1) / checked);
                confirmed = presentationTimeAt(input, video, decodeTimes[i], predicted[i], packet) == predicted[i];
            }
            if (confirmed) return predicted;
            long[] exact = new long[decodeTimes.length];
            for (int i = 0; i < decodeTimes.length; i++) {
                exact[i] = presentationTimeAt(input, video, decodeTimes[i], predicted[i], packet);
                if (exact[i] == AV_NOPTS_VALUE) return null;
            }
            return exact;
        } finally {
            av_packet_free(packet);
        }
    }

    /**
     * The pts of the keyframe packet whose decode time is {@code dts}, or AV_NOPTS_VALUE when the
     * seek does not land on it. The MP4 demuxer seeks by presentation time (it subtracts the
     * stream's composition shift itself), hence {@code target}, the expected pts.
     */
    private static long presentationTimeAt(MediaInput input, int video, long dts, long target, AVPacket packet) {
        if (av_seek_frame(input.context(), video, target, AVSEEK_FLAG_BACKWARD) < 0) return AV_NOPTS_VALUE;
        while (av_read_frame(input.context(), packet) >= 0) {
            try {
                if (packet.stream_index() == video) return packet.dts() == dts ? packet.pts() : AV_NOPTS_VALUE;
            } finally {
                av_packet_unref(packet);
            }
        }
        return AV_NOPTS_VALUE;
    }

    /**
     * An index is trusted when its times increase, its last entry points inside the file (not a
     * truncated one), it is not too sparse, and it reaches the end of the media.
     */
    private static boolean looksComplete(MediaInput input, AVStream stream, double[] times, double duration) {
        for (int i = 1; i < times.length; i++) if (!(times[i] > times[i - 1])) return false;
        long size;
        try {
            size = Files.size(input.path());
        } catch (IOException e) {
            return false;
        }
        // Entries are in time order, so the last one points furthest into the file.
        int count = avformat_index_get_entries_count(stream);
        AVIndexEntry last = count > 0 ? avformat_index_get_entry(stream, count - 1) : null;
        if (last != null && last.pos() >= size) return false;
        double span = times[times.length - 1] - times[0];
        double meanInterval = span / (times.length - 1);
        if (meanInterval > MAX_MEAN_INTERVAL) return false;
        double end = times[0] + duration;
        return times[times.length - 1] >= end - Math.max(MAX_MEAN_INTERVAL, 3 * meanInterval);
    }
}
