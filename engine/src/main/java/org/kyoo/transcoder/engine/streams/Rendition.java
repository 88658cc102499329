package org.kyoo.transcoder.engine.streams;

import java.nio.file.Path;
import org.kyoo.transcoder.engine.containers.Container;
import org.kyoo.transcoder.engine.media.Quality;
import org.kyoo.transcoder.engine.scheduling.ClientPosition;
import org.kyoo.transcoder.engine.scheduling.StreamId;
import org.kyoo.transcoder.engine.scheduling.Work;

/**
 * One stream of a file a player can ask for, on either table: a video track copied
 * ({@code quality} null) or transcoded, or an audio track copied ({@code bitRate} 0) or encoded to
 * AAC at {@code bitRate}, written as MPEG-TS segments (the original table: the first video track,
 * AAC 128 kb/s audio) or fMP4 fragments under one init (upstream Kyoo's table). {@code keepSize}:
 * upstream's {@code transcode}, the source's own size in H.264, encoded at {@code quality}'s rates.
 */
public record Rendition(Container container, boolean audio, int track, Quality quality, long bitRate, boolean keepSize) {
    /** The original table's audio: AAC-LC stereo at 128 kb/s. */
    public static final long TS_AUDIO_BIT_RATE = 128_000;

    /** The original table's video: the first video track transmuxed ({@code quality} null) or transcoded. */
    public static Rendition tsVideo(Quality quality) {
        return new Rendition(Container.TS, false, 0, quality, 0, false);
    }

    /** The original table's audio track {@code track}, in AAC. */
    public static Rendition tsAudio(int track) {
        return new Rendition(Container.TS, true, track, null, TS_AUDIO_BIT_RATE, false);
    }

    public static Rendition videoOriginal(int track) {
        return new Rendition(Container.FMP4, false, track, null, 0, false);
    }

    public static Rendition video(int track, Quality quality) {
        return new Rendition(Container.FMP4, false, track, quality, 0, false);
    }

    /** The source's size re-encoded, at the rates of {@code quality}. */
    public static Rendition videoTranscode(int track, Quality quality) {
        return new Rendition(Container.FMP4, false, track, quality, 0, true);
    }

    public static Rendition audioOriginal(int track) {
        return new Rendition(Container.FMP4, true, track, null, 0, false);
    }

    public static Rendition audio(int track, long bitRate) {
        return new Rendition(Container.FMP4, true, track, null, bitRate, false);
    }

    /** Copied from the source rather than encoded. */
    public boolean original() {
        return audio ? bitRate == 0 : quality == null;
    }

    /** Whether its heads encode video (and so take encode slots and presets). */
    public boolean encodesVideo() {
        return !audio && !original();
    }

    /** What its heads do, for the machine's speed estimates. */
    public Work work() {
        if (audio) return Work.AUDIO;
        return original() ? Work.VIDEO_COPY : Work.VIDEO_ENCODE;
    }

    public boolean fragmented() {
        return container == Container.FMP4;
    }

    /** The stream's folder under the file's cache folder; the two tables' streams never share one. */
    public String label() {
        if (container == Container.TS) {
            if (audio) return "audio-" + track;
            return quality == null ? Quality.ORIGINAL : quality.label();
        }
        if (audio) return "fmp4-audio-" + track + "-" + (bitRate == 0 ? Quality.ORIGINAL : (bitRate / 1000) + "k");
        if (keepSize) return "fmp4-video-" + track + "-transcode";
        return "fmp4-video-" + track + "-" + (quality == null ? Quality.ORIGINAL : quality.label());
    }

    /**
     * What asking for segment {@code segment} of it (-1: its playlist) says of a player: the
     * video stream, or the original table's audio track; upstream's audio renditions are
     * followed by the file only.
     */
    public ClientPosition position(String client, Path file, int segment) {
        if (!audio) return ClientPosition.video(client, file, id(), segment);
        if (container == Container.TS) return ClientPosition.audio(client, file, track, segment);
        return new ClientPosition(client, file, null, -1, segment);
    }

    /** As players and scheduling know it. */
    public StreamId id() {
        return new StreamId(label(), audio);
    }
}
