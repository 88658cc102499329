package org.kyoo.transcoder.server.routes;

import io.undertow.server.HttpServerExchange;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.server.http.Answer;
import org.kyoo.transcoder.server.http.Route;
import org.kyoo.transcoder.server.media.BackgroundExtraction;
import org.kyoo.transcoder.server.media.MediaSource;
import org.kyoo.transcoder.server.paths.RequestedFile;
import org.kyoo.transcoder.server.paths.SafeRoot;

/**
 * {@code /:path/attachment/:name}: a file from {@code {metadata}/{sha}/att}, once extraction has
 * run ({@link SubtitleRoute} serves {@code sub}).
 */
final class ExtractedFileRoute implements Route {
    private final SafeRoot root;
    private final MediaSource media;
    private final BackgroundExtraction extraction;
    private final Path metadataRoot;
    private final String folder;

    /** @param folder {@code att} or {@code sub} */
    ExtractedFileRoute(SafeRoot root, MediaSource media, BackgroundExtraction extraction, Path metadataRoot,
                       String folder) {
        this.root = root;
        this.media = media;
        this.extraction = extraction;
        this.metadataRoot = metadataRoot;
        this.folder = folder;
    }

    @Override
    public Answer answer(HttpServerExchange exchange) {
        RequestedFile file = root.resolve(RouteParams.raw(exchange, "path"));
        String name = SafeRoot.checkName(RouteParams.raw(exchange, "name"));
        return new Answer.Later(whenExtracted(media, extraction, metadataRoot, file, folder, name).thenApply(ExtractedFileRoute::served));
    }

    /** Where {@code name} lies in the file's {@code folder} of extracted files; the future completes once extraction has run. */
    static CompletableFuture<Path> whenExtracted(MediaSource media, BackgroundExtraction extraction, Path metadataRoot,
                                                 RequestedFile file, String folder, String name) {
        MediaInfo info = media.info(file.path(), file.sha());
        return extraction.extract(file.path(), file.sha(), info).thenApply(done -> extracted(metadataRoot, file, folder, name));
    }

    /** {@code {metadata}/{sha}/{folder}/{name}}: where extraction writes a file's attachments and subtitles. */
    static Path extracted(Path metadataRoot, RequestedFile file, String folder, String name) {
        return metadataRoot.resolve(file.sha()).resolve(folder).resolve(name);
    }

    static Answer served(Path extracted) {
        return new Answer.File(extracted, ContentTypes.of(extracted), Answer.CACHEABLE);
    }
}
