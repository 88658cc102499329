package org.kyoo.transcoder.server.clients;

import java.util.Optional;
import org.kyoo.transcoder.engine.media.Quality;

/** A video rendition a player asks for: the source transmuxed ({@code original}) or a quality. */
public record VideoTrack(Quality quality) {
    public static final VideoTrack ORIGINAL = new VideoTrack(null);

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
        return isOriginal() ? Quality.ORIGINAL : quality.label();
    }
}
