package org.kyoo.transcoder.server.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.resource.PathResource;
import io.undertow.server.handlers.resource.PathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.util.AttachmentKey;
import io.undertow.util.ETag;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.kyoo.transcoder.server.caching.ETags;

/**
 * Sends one file with Undertow's resource machinery: Range (206), HEAD, conditional requests, and
 * the kernel's transfer (sendfile) for the body instead of copies through the heap.
 */
final class FileSender {
    private static final AttachmentKey<Path> FILE = AttachmentKey.create(Path.class);
    /** The file's tag, computed once per request for both the header and Undertow's conditionals. */
    private static final AttachmentKey<ETag> TAG = AttachmentKey.create(ETag.class);
    /** Files at least this big go through FileChannel.transferTo; smaller ones are not worth it. */
    private static final long TRANSFER_MIN_SIZE = 1024;

    private final ResourceHandler resources;

    FileSender(AnswerWriter onMissing) {
        PathResourceManager manager = new PathResourceManager(Path.of("/"), TRANSFER_MIN_SIZE);
        this.resources = new ResourceHandler(
                (exchange, ignored) -> {
                    Path file = exchange.getAttachment(FILE);
                    if (file == null || !Files.isRegularFile(file)) return null;
                    return new VersionedResource(file, manager, exchange.getAttachment(TAG));
                },
                exchange -> onMissing.error(exchange, HttpError.notFound("No such file.")));
        // the answer carries its own caching policy
        this.resources.setCachable(exchange -> false);
    }

    /** A file with a tag that changes with its version, so Undertow answers If-None-Match with 304. */
    private static final class VersionedResource extends PathResource {
        private final ETag etag;

        /** @param etag null when the file could not be read: answered without a tag, so nothing caches a guess */
        VersionedResource(Path file, PathResourceManager manager, ETag etag) {
            super(file, manager, file.getFileName().toString());
            this.etag = etag;
        }

        @Override
        public ETag getETag() {
            return etag;
        }
    }

    void send(HttpServerExchange exchange, Answer.File file) throws Exception {
        exchange.putAttachment(FILE, file.path());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, file.contentType());
        if (file.cacheControl() != null) exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, file.cacheControl());
        try {
            ETag tag = ETags.of(file.path());
            exchange.putAttachment(TAG, tag);
            // set here too: Undertow's 304 leaves it out, and a cache refreshes its copy's tag from it
            exchange.getResponseHeaders().put(Headers.ETAG, tag.toString());
        } catch (IOException e) {
            // gone: the resource handler answers 404
        }
        resources.handleRequest(exchange);
    }
}
