package org.kyoo.transcoder.engine.storage;

import java.nio.file.Path;

/**
 * A finished object as a {@link Store} hands it out: where its bytes are, and a strong validator
 * that changes whenever its content may have (a segment made again, a file version replaced).
 * Nothing above the store learns which store it came from.
 */
public sealed interface Stored {
    /** A strong entity tag for HTTP (without quotes). */
    String etag();

    long size();

    /** On local disk: sent with the kernel's transfer, Range and conditional requests included. */
    record LocalFile(Path path, long size, String etag) implements Stored {
        /** Its path: what a log or a test names it by. */
        @Override
        public String toString() {
            return path.toString();
        }
    }

    /** Held in memory: small objects, or what a store already read whole. */
    record Bytes(byte[] content, String etag) implements Stored {
        @Override
        public long size() {
            return content.length;
        }
    }
}
