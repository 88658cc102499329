package org.kyoo.transcoder.server.paths;

import java.nio.file.Path;

/**
 * A file a request may use: under the safe root, existing, a regular file.
 *
 * @param path the file's real path (symlinks resolved), what the engine opens and keys its caches on
 * @param sha  the cache key of this version of the file
 */
public record RequestedFile(Path path, String sha) {}
