package org.kyoo.transcoder.server.playlists;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.kyoo.transcoder.engine.media.MediaInfo;

/**
 * The links to a file's subtitles, fonts and sprite tiles, {@code {prefix}/{b64path}/...} (SPEC
 * "Media info", "Subtitles, attachments, thumbnails"), the path in standard base64 as the original
 * wrote it. The engine gives the facts (a subtitle's index and extension, an attachment's name, the
 * tiles of a sprite); they become URLs only here.
 *
 * @param routePrefix the public route prefix ({@code GOCODER_PREFIX}), "" for none
 */
public record MetadataLinks(String routePrefix) {
    /** What a sprite map's cue points at after its picture: the tile's place in it. */
    private static final String TILE = "#xywh=";

    public MetadataLinks {
        routePrefix = routePrefix == null ? "" : routePrefix;
    }

    /**
     * The info as {@code /info} answers it: each subtitle with an extension linked to its route,
     * carrying {@code query} as playlist URIs do; each font linked to its route.
     */
    public MediaInfo on(MediaInfo info, LinkQuery query) {
        String file = base(info.path());
        List<MediaInfo.Subtitle> subtitles = info.subtitles().stream()
                .map(s -> s.withLink(s.extension() == null ? null
                        : query.on(file + "/subtitle/" + s.index() + "." + s.extension())))
                .toList();
        List<String> fonts = info.fonts().stream().map(name -> file + "/attachment/" + name).toList();
        return new MediaInfo(info.sha(), info.path(), info.extension(), info.mimeCodec(), info.size(), info.duration(),
                info.container(), info.video(), info.videos(), info.audios(), subtitles, fonts, info.chapters());
    }

    /**
     * The sprite map as {@code /thumbnails.vtt} answers it: each cue of the stored map, which points
     * at its picture by whatever name it was saved with, pointing at the file's
     * {@code thumbnails.png} route instead.
     */
    public String spriteMap(String stored, Path file) {
        String picture = base(file.toString()) + "/thumbnails.png";
        String[] lines = stored.split("\n", -1);
        StringBuilder map = new StringBuilder(stored.length() + lines.length * picture.length());
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) map.append('\n');
            int tile = lines[i].indexOf(TILE);
            map.append(tile < 0 ? lines[i] : picture + lines[i].substring(tile));
        }
        return map.toString();
    }

    private String base(String path) {
        return routePrefix + "/" + Base64.getEncoder().encodeToString(path.getBytes(StandardCharsets.UTF_8));
    }
}
