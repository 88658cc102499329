package org.kyoo.transcoder.server.routes;

import io.undertow.server.HttpServerExchange;
import java.nio.file.Path;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import org.kyoo.transcoder.engine.extract.SubtitleConverter;
import org.kyoo.transcoder.server.http.Answer;
import org.kyoo.transcoder.server.http.Route;
import org.kyoo.transcoder.server.media.BackgroundExtraction;
import org.kyoo.transcoder.server.media.MediaSource;
import org.kyoo.transcoder.server.paths.RequestedFile;
import org.kyoo.transcoder.server.paths.SafeRoot;

/**
 * {@code /:path/subtitle/:name[?format=vtt|srt|ass]}: an extracted subtitle (or sidecar), once
 * extraction has run, converted on request. An unknown format is refused before anything waits; a
 * picture subtitle asked for as text answers 400 saying why.
 */
final class SubtitleRoute implements Route {
    private final SafeRoot root;
    private final MediaSource media;
    private final BackgroundExtraction extraction;

    SubtitleRoute(SafeRoot root, MediaSource media, BackgroundExtraction extraction) {
        this.root = root;
        this.media = media;
        this.extraction = extraction;
    }

    @Override
    public Answer answer(HttpServerExchange exchange) {
        RequestedFile file = root.resolve(RouteParams.raw(exchange, "path"));
        String name = SafeRoot.checkName(RouteParams.raw(exchange, "name"));
        Deque<String> formats = exchange.getQueryParameters().get("format");
        String format = formats == null || formats.isEmpty() ? null : formats.getFirst();
        if (format != null) SubtitleConverter.checkFormat(format);
        CompletableFuture<Void> ready = ExtractedFileRoute.whenExtracted(media, extraction, file);
        if (format == null) {
            return new Answer.Later(ready.thenApply(done -> ExtractedFileRoute.served(extraction.subtitle(file.sha(), name), name)));
        }
        return new Answer.Later(SubtitleConversions.SHARED.after(ready, () -> {
            Path extracted = SubtitleConversions.extracted(extraction, file.sha(), name);
            return ExtractedFileRoute.served(SubtitleConverter.inFormat(extracted, format));
        }));
    }
}
