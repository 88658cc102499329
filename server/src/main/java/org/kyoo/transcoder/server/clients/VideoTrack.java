package org.kyoo.transcoder.server.clients;

import java.util.Optional;
import org.kyoo.transcoder.engine.streams.Rendition;
import org.kyoo.transcoder.engine.media.Quality;

/**
 * A video rendition a player asks for: the source transmuxed ({@code original}) or a quality; or,
 * on upstream Kyoo's table, an fMP4 rendition ({@code fmp4}, null on the v3 table).
 */
public record VideoTrack(Quality quality, Rendition fmp4) {
    public static final VideoTrack ORIGINAL = new VideoTrack(null);

    /** A v3 (MPEG-TS) rendition. */
    public VideoTrack(Quality quality) {
        this(quality, null);
    }

    /** An fMP4 rendition of upstream's table, tracked apart from the v3 ones. */
    public static VideoTrack of(Rendition fmp4) {
        return new VideoTrack(fmp4.quality(), fmp4);
    }

    public boolean isOriginal() {
        return quality == null;
    }

    /** The route's {@code :quality}: {@code original} or a quality label such as {@code 720p}. */
    public static Optional<VideoTrack> parse(String label) {
        if (Quality.ORIGINAL.equals(label)) return Optional.of(ORIGINAL);
        return Quality.fromLabel(label).map(VideoTrack::new);
    }

    @Override
    public String toString() {
        if (fmp4 != null) return fmp4.label();
        return isOriginal() ? Quality.ORIGINAL : quality.label();
    }
}
