package org.kyoo.transcoder.server.routes;

import io.undertow.server.HttpServerExchange;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kyoo.transcoder.engine.extract.SubtitleConverter;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.server.http.Answer;
import org.kyoo.transcoder.server.http.HttpError;
import org.kyoo.transcoder.server.http.Route;
import org.kyoo.transcoder.server.media.BackgroundExtraction;
import org.kyoo.transcoder.server.media.MediaSource;
import org.kyoo.transcoder.server.media.StreamedFile;
import org.kyoo.transcoder.server.paths.RequestedFile;
import org.kyoo.transcoder.server.paths.SafeRoot;
import org.kyoo.transcoder.server.playlists.MediaPlaylist;
import org.kyoo.transcoder.server.playlists.SubtitleRenditions;

/**
 * {@code /:path/subtitles/:index/index.m3u8} and {@code /:path/subtitles/:index/segment-:n.vtt}: a
 * text subtitle track as an HLS WebVTT rendition, cut on the video's own segment boundaries (the
 * same EXTINFs as the video playlist). No client id needed: subtitles start and stop no encoder.
 */
final class SubtitleRenditionRoute implements Route {
    private static final Pattern SEGMENT = Pattern.compile("segment-(\\d{1,9})\\.vtt");

    private final SafeRoot root;
    private final MediaSource media;
    private final BackgroundExtraction extraction;
    private final boolean playlist;

    /** @param playlist the media playlist, else a segment */
    SubtitleRenditionRoute(SafeRoot root, MediaSource media, BackgroundExtraction extraction, boolean playlist) {
        this.root = root;
        this.media = media;
        this.extraction = extraction;
        this.playlist = playlist;
    }

    @Override
    public Answer answer(HttpServerExchange exchange) {
        RequestedFile file = root.resolve(RouteParams.raw(exchange, "path"));
        String rawIndex = RouteParams.raw(exchange, "index");
        MediaInfo info = media.info(file.path(), file.sha());
        MediaInfo.Subtitle track = SubtitleRenditions.of(info).stream()
                .filter(s -> String.valueOf(s.index()).equals(rawIndex))
                .findFirst()
                .orElseThrow(() -> HttpError.badRequest("No text subtitle track " + rawIndex + "."));
        StreamedFile stream = media.stream(file.path(), file.sha());
        PlaylistCuts cuts = PlaylistCuts.of(stream.keyframes(), info.duration());
        if (playlist) {
            return new Answer.Text(ContentTypes.PLAYLIST,
                    MediaPlaylist.render(cuts.keyframes(), cuts.complete(), cuts.end(), RouteParams.links(exchange), ".vtt",
                            stream.chapters()),
                    cuts.cacheControl());
        }
        double[] keyframes = cuts.keyframes();
        int segment = segment(exchange);
        int known = cuts.complete() ? keyframes.length : keyframes.length - 1;
        if (segment >= known) throw HttpError.badRequest("Segment " + segment + " is out of range.");
        double from = keyframes[segment];
        double to = segment + 1 < keyframes.length ? keyframes[segment + 1] : cuts.end();
        String name = track.index() + "." + track.extension();
        return new Answer.Later(SubtitleConversions.SHARED.after(extraction.extract(file.path(), file.sha(), info), () -> {
            Path vtt = SubtitleConverter.inFormat(SubtitleConversions.extracted(extraction, file.sha(), name), "vtt");
            return new Answer.Text(ContentTypes.VTT, SubtitleConversions.SHARED.cues(vtt).segment(from, to), Answer.CACHEABLE);
        }));
    }

    private static int segment(HttpServerExchange exchange) {
        String value = RouteParams.raw(exchange, "segment");
        Matcher m = SEGMENT.matcher(value);
        if (!m.matches()) throw HttpError.badRequest("Could not parse segment " + value + ".");
        return Integer.parseInt(m.group(1));
    }
}
