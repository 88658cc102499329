package org.kyoo.transcoder.server.routes;

import io.undertow.server.HttpServerExchange;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.storage.Stored;
import org.kyoo.transcoder.server.http.Answer;
import org.kyoo.transcoder.server.http.HttpError;
import org.kyoo.transcoder.server.http.Route;
import org.kyoo.transcoder.server.media.BackgroundExtraction;
import org.kyoo.transcoder.server.media.MediaSource;
import org.kyoo.transcoder.server.paths.RequestedFile;
import org.kyoo.transcoder.server.paths.SafeRoot;

/**
 * {@code /:path/attachment/:name}: an extracted attachment (font), once extraction has run
 * ({@link SubtitleRoute} serves subtitles).
 */
final class ExtractedFileRoute implements Route {
    private final SafeRoot root;
    private final MediaSource media;
    private final BackgroundExtraction extraction;

    ExtractedFileRoute(SafeRoot root, MediaSource media, BackgroundExtraction extraction) {
        this.root = root;
        this.media = media;
        this.extraction = extraction;
    }

    @Override
    public Answer answer(HttpServerExchange exchange) {
        RequestedFile file = root.resolve(RouteParams.raw(exchange, "path"));
        String name = SafeRoot.checkName(RouteParams.raw(exchange, "name"));
        return new Answer.Later(whenExtracted(media, extraction, file)
                .thenApply(done -> served(extraction.attachment(file.sha(), name), name)));
    }

    /** Completes once the file's extraction has run (at once when it ran before). */
    static CompletableFuture<Void> whenExtracted(MediaSource media, BackgroundExtraction extraction, RequestedFile file) {
        MediaInfo info = media.info(file.path(), file.sha());
        return extraction.extract(file.path(), file.sha(), info);
    }

    /** What extraction made under {@code name}; 404 when it made nothing by that name. */
    static Answer served(Optional<Stored> extracted, String name) {
        return new Answer.Kept(extracted.orElseThrow(() -> HttpError.notFound("No such file.")), ContentTypes.of(name),
                Answer.CACHEABLE);
    }

    /** A file made from an extracted one (a subtitle's conversion). */
    static Answer served(Path made) {
        return new Answer.File(made, ContentTypes.of(made), Answer.CACHEABLE);
    }
}
