package org.kyoo.transcoder.engine.streams;

/**
 * A head as {@code /streams} shows it: which file and stream it makes, and where it is.
 *
 * @param stream   the stream's folder name: {@code original}, {@code 720p}, {@code audio-0}, {@code fmp4-video-0-original}…
 * @param position the segment being made
 * @param end      the segment it stops before
 * @param video    the video track it makes (order among the video tracks), null for an audio head
 */
public record RunningHead(String file, String stream, int id, int position, int end, Integer video) {
    private static final String FMP4_VIDEO = "fmp4-video-";

    /** A head of the stream whose folder is {@code stream}: its video track is read from that name. */
    public RunningHead(String file, String stream, int id, int position, int end) {
        this(file, stream, id, position, end, videoTrackOf(stream));
    }

    /** The v3 (TS) streams are the first video track's; fMP4 ones name theirs ({@link Rendition#label()}). */
    static Integer videoTrackOf(String stream) {
        if (stream.startsWith("audio-") || stream.startsWith("fmp4-audio-")) return null;
        if (!stream.startsWith(FMP4_VIDEO)) return 0;
        int dash = stream.indexOf('-', FMP4_VIDEO.length());
        return Integer.valueOf(stream.substring(FMP4_VIDEO.length(), dash < 0 ? stream.length() : dash));
    }
}
