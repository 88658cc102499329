package org.kyoo.transcoder.server.caching;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.kyoo.transcoder.engine.scheduling.Players;
import org.kyoo.transcoder.engine.scheduling.StreamControl;

/**
 * Keeps the segment cache under its configured size: over it, the caches of files no one watches go,
 * least recently used first, through the engine (which stops their heads and forgets their
 * segments; deleting files behind its back would have it serve segments it no longer has). A file
 * someone watches is never dropped: over the bound with only those, new segments wait for room
 * (a full disk answers 507) and what is cached is still served.
 */
public final class CacheBound {
    private static final System.Logger LOG = System.getLogger(CacheBound.class.getName());

    private final Path cacheRoot;
    private final long maxBytes;
    private final Players players;
    private final StreamControl streams;

    public CacheBound(Path cacheRoot, long maxBytes, Players players, StreamControl streams) {
        this.cacheRoot = cacheRoot;
        this.maxBytes = maxBytes;
        this.players = players;
        this.streams = streams;
    }

    /** Drops unwatched files' caches until under the bound; returns the files dropped. */
    public List<Path> enforce() {
        List<Path> dropped = new ArrayList<>();
        if (maxBytes <= 0) return dropped;
        long size = CacheSize.of(cacheRoot);
        if (size <= maxBytes) return dropped;
        for (Path file : players.unwatchedLeastRecentlyUsed()) {
            LOG.log(System.Logger.Level.INFO, "Cache at " + size + " bytes, over its " + maxBytes + ": deleting the segments of "
                    + file + ", which no one watches");
            streams.destroyFile(file);
            players.cacheDeleted(file);
            dropped.add(file);
            size = CacheSize.of(cacheRoot);
            if (size <= maxBytes) return dropped;
        }
        LOG.log(System.Logger.Level.WARNING, "Cache at " + size + " bytes, over its " + maxBytes
                + ", and every file in it is watched: nothing more to drop");
        return dropped;
    }
}
