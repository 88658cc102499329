package org.kyoo.transcoder.engine.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the engine's outputs live, by key ({@link StoreKeys}): finished segments and inits, and a
 * file version's metadata (info, keyframes, extracted subtitles and fonts, sprites). Every writer
 * makes an object in a local scratch file and commits it; every reader asks by key. A store whose
 * copies elsewhere arrive later than the local one (object storage) commits locally, hands the
 * local copy out at once, and uploads behind; a read goes local first, then to its other copies.
 * Playlists never list a store: what exists is known from the keyframes.
 */
public interface Store {
    /** The object under {@code key}; empty when there is none (yet). */
    Optional<Stored> read(String key) throws IOException;

    /** Whether an object is under {@code key} now. */
    boolean exists(String key);

    /** The whole content of a small object (JSON); empty when there is none. */
    Optional<byte[]> readBytes(String key) throws IOException;

    /** Saves a small object under {@code key}; a reader never sees half of it. */
    void write(String key, byte[] content) throws IOException;

    /**
     * A new local file, named after {@code key} and {@code writer} (who makes it, so two writers
     * of one key never share a file), ending in {@code .tmp}, for a writer to fill and then
     * {@link #commit} or delete. Its folder exists.
     */
    Path scratch(String key, String writer) throws IOException;

    /** Makes the filled {@code scratch} the object under {@code key} in one step (replacing any); returns it. */
    Stored commit(String key, Path scratch) throws IOException;

    /**
     * As {@link #commit}, unless an object is under {@code key} already: then {@code scratch} is
     * deleted and the object there kept (the first of identical writers wins).
     */
    Stored commitIfAbsent(String key, Path scratch) throws IOException;

    /** Deletes every object whose key starts with {@code prefix} (a file version's, a stream's). */
    void deleteAll(String prefix) throws IOException;

    /** Where this store keeps its objects, for logs and errors (never a secret). */
    String describe();
}
