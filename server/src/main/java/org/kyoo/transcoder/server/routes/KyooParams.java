package org.kyoo.transcoder.server.routes;

import io.undertow.server.HttpServerExchange;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kyoo.transcoder.engine.keyframes.KeyframeIndex;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.media.Quality;
import org.kyoo.transcoder.engine.streams.Rendition;
import org.kyoo.transcoder.server.clients.ClientIds;
import org.kyoo.transcoder.server.http.HttpError;
import org.kyoo.transcoder.server.media.StreamedFile;
import org.kyoo.transcoder.server.playlists.KyooMasterPlaylist;
import org.kyoo.transcoder.server.playlists.LinkQuery;

/** The parameters of upstream Kyoo's table, each failure a 400 saying what was wrong. */
final class KyooParams {
    private static final Pattern SEGMENT = Pattern.compile("segment-(\\d{1,10})\\.mp4");
    /** Plain digits only: {@code Integer.parseInt} also takes {@code +1} and {@code -0}, aliases of a track's URL. */
    private static final Pattern INDEX = Pattern.compile("\\d{1,9}");
    static final String INIT = "init.mp4";
    /** Asked for {@code init.mp4}. */
    static final int INIT_SEGMENT = -1;

    private KyooParams() {}

    static int index(HttpServerExchange exchange, String name) {
        String value = RouteParams.raw(exchange, name);
        if (!INDEX.matcher(value).matches()) throw HttpError.badRequest("Invalid " + name + " track " + value + ".");
        return Integer.parseInt(value);
    }

    /** {@code original}, {@code transcode} (the source's height in H.264) or {@code 240p}…{@code 8k}. */
    static Rendition video(HttpServerExchange exchange, MediaInfo info) {
        int video = index(exchange, "video");
        String label = RouteParams.raw(exchange, "quality");
        if (info.video() == null) throw HttpError.badRequest("The file has no video.");
        if (video >= info.videos().size()) {
            throw HttpError.badRequest("No video track " + video + ": the file has " + info.videos().size() + ".");
        }
        if (Quality.ORIGINAL.equals(label)) return Rendition.videoOriginal(video);
        if ("transcode".equals(label)) {
            // the track's own size, not its quality's (the master announces the track's RESOLUTION);
            // the quality gives the rates. A file's video tracks may differ in size.
            MediaInfo.Video v = info.videos().get(video);
            return Rendition.videoTranscode(video, Quality.fromLabel(v.quality()).orElseGet(() -> Quality.fromHeight(v.height())));
        }
        return Rendition.video(video, Quality.fromLabel(label)
                .orElseThrow(() -> HttpError.badRequest("Invalid quality " + label + ".")));
    }

    /**
     * Where a rendition is cut: a video track on its own keyframes, audio on the first video
     * track's (as the TS streams are).
     */
    static KeyframeIndex cuts(StreamedFile stream, Rendition rendition) {
        return rendition.audio() ? stream.keyframes() : stream.keyframes(rendition.track());
    }

    /** {@code original} (the track copied) or a rate of the AAC ladder, {@code 128k}…{@code 512k}. */
    static Rendition audio(HttpServerExchange exchange, MediaInfo info) {
        int audio = index(exchange, "audio");
        String label = RouteParams.raw(exchange, "quality");
        if (audio >= info.audios().size()) {
            throw HttpError.badRequest("No audio track " + audio + ": the file has " + info.audios().size() + ".");
        }
        if (Quality.ORIGINAL.equals(label)) return Rendition.audioOriginal(audio);
        for (long rate : KyooMasterPlaylist.AUDIO_LADDER) {
            if (KyooMasterPlaylist.audioLabel(rate).equals(label)) return Rendition.audio(audio, rate);
        }
        throw HttpError.badRequest("Invalid quality " + label + ".");
    }

    /** {@code init.mp4} ({@link #INIT_SEGMENT}) or {@code segment-N.mp4}. */
    static int chunk(HttpServerExchange exchange) {
        String value = RouteParams.raw(exchange, "chunk");
        if (INIT.equals(value)) return INIT_SEGMENT;
        Matcher m = SEGMENT.matcher(value);
        if (!m.matches()) throw HttpError.badRequest("Could not parse segment " + value + ".");
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("Could not parse segment " + value + ".");
        }
    }

    /**
     * What every URI of a playlist carries: the request's query with its client id, so a player
     * that cannot set headers keeps its id on every request (upstream does the same).
     */
    static LinkQuery query(HttpServerExchange exchange, String client) {
        String raw = exchange.getQueryString();
        boolean hasClient = exchange.getQueryParameters().containsKey(ClientIds.QUERY);
        StringBuilder q = new StringBuilder(raw == null ? "" : raw);
        if (!hasClient) {
            if (q.length() > 0) q.append('&');
            q.append(ClientIds.QUERY).append('=').append(URLEncoder.encode(client, StandardCharsets.UTF_8));
        }
        return new LinkQuery(q.toString());
    }
}
