package org.kyoo.transcoder.engine.storage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where every instance finds the objects any of them made (an S3 bucket, a shared folder): what a
 * {@link TieredStore} keeps behind its local folder. Keys are {@link StoreKeys}'; a bucket is never
 * listed (playlists come from the keyframes).
 */
public interface Bucket {
    /** Copies the object under {@code key} to {@code target} (created or replaced); false when there is none. */
    boolean get(String key, Path target) throws IOException;

    /** Saves {@code source}'s content under {@code key}, replacing any. */
    void put(String key, Path source) throws IOException;

    /** Whether an object is under {@code key}. */
    boolean exists(String key) throws IOException;

    /** Which bucket, where (its endpoint): for logs and errors, never a secret. */
    String describe();
}
