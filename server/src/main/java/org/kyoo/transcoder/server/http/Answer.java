package org.kyoo.transcoder.server.http;

import java.nio.file.Path;
import org.kyoo.transcoder.engine.storage.Stored;
import java.util.concurrent.CompletableFuture;

/** What a route answers; {@link AnswerWriter} turns it into bytes on the wire. */
public sealed interface Answer {
    /** Never cached: a playlist that may still grow. */
    String NO_CACHE = "no-cache";
    /**
     * A finished segment or a complete playlist: any cache may keep it, but must revalidate it (a
     * 304 when its ETag still matches) since its URL names the file's path, not its version, and a
     * file replaced at the same path must never be answered from the old one's copy.
     */
    String CACHEABLE = "public, no-cache";

    /** A body held in memory (playlists, VTT). */
    record Text(String contentType, String body, String cacheControl) implements Answer {}

    /** A value serialised with Jackson, as {@code application/json}. */
    record Json(Object value) implements Answer {}

    /** A file sent from disk without passing through the heap, with Range and HEAD support. */
    record File(Path path, String contentType, String cacheControl) implements Answer {}

    /**
     * What a store handed out (a segment, an init): sent as a file from local disk, with Range
     * and HEAD support, or from memory; tagged with the store's own validator.
     */
    record Kept(Stored stored, String contentType, String cacheControl) implements Answer {}

    /** An answer known later; the exchange waits for it without holding a thread. */
    record Later(CompletableFuture<? extends Answer> answer) implements Answer {}
}
