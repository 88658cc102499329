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
import java.nio.ByteBuffer;
import java.nio.file.Path;
import io.undertow.util.ETagUtils;
import org.kyoo.transcoder.engine.storage.Stored;

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
        ETag tag;
        try {
            tag = ETags.of(file.path());
        } catch (IOException e) {
            // gone: the resource handler answers 404
            tag = null;
        }
        send(exchange, file.path(), tag, file.contentType(), file.cacheControl());
    }

    /** What a store handed out: a local file as above; bytes from memory, with their tag and conditionals. */
    void send(HttpServerExchange exchange, Answer.Kept kept) throws Exception {
        ETag tag = new ETag(false, kept.stored().etag());
        if (kept.stored() instanceof Stored.LocalFile file) {
            send(exchange, file.path(), tag, kept.contentType(), kept.cacheControl());
            return;
        }
        Stored.Bytes bytes = (Stored.Bytes) kept.stored();
        headers(exchange, tag, kept.contentType(), kept.cacheControl());
        if (!ETagUtils.handleIfNoneMatch(exchange, tag, false)) {
            exchange.setStatusCode(304);
            exchange.endExchange();
            return;
        }
        exchange.getResponseSender().send(ByteBuffer.wrap(bytes.content()));
    }

    private void send(HttpServerExchange exchange, Path path, ETag tag, String contentType, String cacheControl) throws Exception {
        exchange.putAttachment(FILE, path);
        if (tag != null) exchange.putAttachment(TAG, tag);
        headers(exchange, tag, contentType, cacheControl);
        resources.handleRequest(exchange);
    }

    private static void headers(HttpServerExchange exchange, ETag tag, String contentType, String cacheControl) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        if (cacheControl != null) exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, cacheControl);
        // set here too: Undertow's 304 leaves it out, and a cache refreshes its copy's tag from it
        if (tag != null) exchange.getResponseHeaders().put(Headers.ETAG, tag.toString());
    }
}
