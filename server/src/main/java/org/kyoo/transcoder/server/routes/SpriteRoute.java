package org.kyoo.transcoder.server.routes;

import io.undertow.server.HttpServerExchange;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.server.http.Answer;
import org.kyoo.transcoder.server.http.HttpError;
import org.kyoo.transcoder.server.http.Route;
import org.kyoo.transcoder.server.media.BackgroundExtraction;
import org.kyoo.transcoder.server.media.MediaSource;
import org.kyoo.transcoder.server.paths.RequestedFile;
import org.kyoo.transcoder.server.paths.SafeRoot;
import org.kyoo.transcoder.server.playlists.MetadataLinks;

/**
 * {@code /:path/thumbnails.png} and {@code /:path/thumbnails.vtt}, answered once the sprite is
 * made; the map's cues point at this file's {@code thumbnails.png}.
 */
final class SpriteRoute implements Route {
    private final SafeRoot root;
    private final MediaSource media;
    private final BackgroundExtraction extraction;
    private final MetadataLinks links;
    private final boolean vtt;

    SpriteRoute(SafeRoot root, MediaSource media, BackgroundExtraction extraction, boolean vtt) {
        this.root = root;
        this.media = media;
        this.extraction = extraction;
        this.links = new MetadataLinks(extraction.routePrefix());
        this.vtt = vtt;
    }

    @Override
    public Answer answer(HttpServerExchange exchange) {
        RequestedFile file = root.resolve(RouteParams.raw(exchange, "path"));
        MediaInfo info = media.info(file.path(), file.sha());
        if (info.video() == null) throw HttpError.notFound("The file has no video, so no thumbnails.");
        return new Answer.Later(extraction.sprite(file.path(), file.sha(), info).thenApply(sprite -> vtt
                ? new Answer.Text(ContentTypes.VTT, links.spriteMap(sprite.map(), file.path()), Answer.CACHEABLE)
                : new Answer.Kept(sprite.png(), ContentTypes.PNG, Answer.CACHEABLE)));
    }
}
