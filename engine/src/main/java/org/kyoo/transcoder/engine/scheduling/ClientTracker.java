package org.kyoo.transcoder.engine.scheduling;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Who watches what, so encoding nobody needs stops. Per client id: file, video rendition, audio
 * track, last segment.
 * <ul>
 *   <li>switching rendition or audio track stops the old one when no other client uses it;</li>
 *   <li>a jump of more than 100 segments stops heads more than 20 segments from every client;</li>
 *   <li>moving to another file stops the old file when nobody watches it;</li>
 *   <li>a client silent for 1 h is forgotten, with the same clean-up ({@link #sweep()});</li>
 *   <li>a file nobody used for 4 h loses its cached segments ({@link #sweep()}).</li>
 * </ul>
 * One lock guards all of it; the engine calls made under it only signal heads to stop (deleting a
 * cache, which waits for heads to end, happens outside it).
 */
final class ClientTracker {
    public static final Duration CLIENT_TIMEOUT = Duration.ofHours(1);
    public static final Duration CACHE_LIFETIME = Duration.ofHours(4);
    /** A seek further than this many segments is a jump, leaving heads behind. */
    static final int JUMP = 100;

    private static final System.Logger LOG = System.getLogger(ClientTracker.class.getName());

    private final StreamControl streams;
    private final Ticker ticker;
    private final Map<String, ClientPosition> clients = new HashMap<>();
    /** Ticker nanos of each client's latest request, and of each file's latest use. */
    private final Map<String, Long> lastSeen = new HashMap<>();
    private final Map<Path, Long> lastUsed = new HashMap<>();

    public ClientTracker(StreamControl streams, Ticker ticker) {
        this.streams = streams;
        this.ticker = ticker;
    }

    /** Records what a request says about its client and stops what the change orphaned. */
    synchronized void seen(ClientPosition request) {
        long now = ticker.nanos();
        ClientPosition old = clients.get(request.client());
        boolean sameFile = old != null && old.file().equals(request.file());
        ClientPosition position = sameFile ? request.completedBy(old) : request;
        clients.put(position.client(), position);
        lastSeen.put(position.client(), now);
        lastUsed.put(position.file(), now);

        if (old == null) return;
        if (!sameFile) {
            killFileIfUnwatched(old.file());
            return;
        }
        if (old.audio() != -1 && old.audio() != position.audio()) killAudioIfUnused(old.file(), old.audio());
        if (old.video() != null && !old.video().equals(position.video())) killVideoIfUnused(old.file(), old.video());
        if (old.segment() != -1 && Math.abs(position.segment() - old.segment()) > JUMP) {
            streams.killOrphanedHeads(old.file(), old.video(), old.audio(), watchedSegments(old.file()));
        }
    }

    /** Forgets silent clients and drops the caches of files unused for long; run every few minutes. */
    public void sweep() {
        // deleting a cache waits for its heads to end: done outside the lock requests need
        for (Path file : forgetSilentClients()) {
            LOG.log(System.Logger.Level.INFO, "Nobody used " + file + " for 4 h: deleting its segments");
            streams.destroyFile(file);
        }
    }

    /** Forgets silent clients, stopping what they leave; returns the files whose cache is due to go. */
    private synchronized List<Path> forgetSilentClients() {
        long now = ticker.nanos();
        List<ClientPosition> gone = new ArrayList<>();
        for (Iterator<Map.Entry<String, Long>> it = lastSeen.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Long> seen = it.next();
            // ticker values compare by difference only (nanoTime may wrap)
            if (now - seen.getValue() < CLIENT_TIMEOUT.toNanos()) continue;
            it.remove();
            gone.add(clients.remove(seen.getKey()));
        }
        for (ClientPosition client : gone) {
            LOG.log(System.Logger.Level.INFO, "Client " + client.client() + " silent for an hour: forgetting it");
            if (killFileIfUnwatched(client.file())) continue;
            boolean audioStopped = client.audio() != -1 && killAudioIfUnused(client.file(), client.audio());
            boolean videoStopped = client.video() != null && killVideoIfUnused(client.file(), client.video());
            if (!audioStopped || !videoStopped) {
                streams.killOrphanedHeads(client.file(), client.video(), client.audio(), watchedSegments(client.file()));
            }
        }
        List<Path> expired = new ArrayList<>();
        for (Iterator<Map.Entry<Path, Long>> it = lastUsed.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Path, Long> used = it.next();
            if (now - used.getValue() < CACHE_LIFETIME.toNanos() || isWatched(used.getKey())) continue;
            it.remove();
            expired.add(used.getKey());
        }
        return expired;
    }

    /** Files with a cache no client watches now, least recently used first: what a full cache drops first. */
    public synchronized List<Path> unwatchedLeastRecentlyUsed() {
        long now = ticker.nanos();
        return lastUsed.entrySet().stream()
                .filter(used -> !isWatched(used.getKey()))
                // the longest unused first, by age (ticker values compare by difference only)
                .sorted(java.util.Comparator.comparingLong((Map.Entry<Path, Long> used) -> now - used.getValue()).reversed())
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The file's cache was deleted (to bound the disk): nothing left of it to expire. */
    public synchronized void cacheDeleted(Path file) {
        lastUsed.remove(file);
    }

    /** The clients known now, for tests and diagnostics. */
    public synchronized List<ClientPosition> clients() {
        return List.copyOf(clients.values());
    }

    private boolean killFileIfUnwatched(Path file) {
        if (isWatched(file)) return false;
        LOG.log(System.Logger.Level.INFO, "Nobody is watching " + file + ": stopping it");
        streams.killFile(file);
        return true;
    }

    private boolean killAudioIfUnused(Path file, int audio) {
        for (ClientPosition c : clients.values()) {
            if (c.file().equals(file) && c.audio() == audio) return false;
        }
        LOG.log(System.Logger.Level.INFO, "Nobody is listening to audio " + audio + " of " + file + ": stopping it");
        streams.killAudio(file, audio);
        return true;
    }

    private boolean killVideoIfUnused(Path file, StreamId video) {
        for (ClientPosition c : clients.values()) {
            if (c.file().equals(file) && video.equals(c.video())) return false;
        }
        LOG.log(System.Logger.Level.INFO, "Nobody is watching " + video + " of " + file + ": stopping it");
        streams.killVideo(file, video);
        return true;
    }

    private boolean isWatched(Path file) {
        for (ClientPosition c : clients.values()) {
            if (c.file().equals(file)) return true;
        }
        return false;
    }

    private int[] watchedSegments(Path file) {
        return clients.values().stream()
                .filter(c -> c.file().equals(file) && c.segment() != -1)
                .mapToInt(ClientPosition::segment)
                .toArray();
    }
}
