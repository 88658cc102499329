package org.kyoo.transcoder.server.routes;

import org.kyoo.transcoder.engine.storage.Stored;
import org.kyoo.transcoder.server.http.Answer;

/**
 * What a store hands out, as an answer: the one place that knows how the server sends a
 * {@link Stored}, until the answer writer sends one itself.
 */
final class StoredAnswer {
    private StoredAnswer() {}

    static Answer of(Stored stored, String contentType, String cacheControl) {
        if (stored instanceof Stored.LocalFile file) return new Answer.File(file.path(), contentType, cacheControl);
        // the metadata store is a local folder: nothing hands out bytes yet
        throw new UnsupportedOperationException("Sending a stored object held in memory (" + stored.size() + " bytes)");
    }
}
