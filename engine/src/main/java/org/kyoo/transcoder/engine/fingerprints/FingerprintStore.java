package org.kyoo.transcoder.engine.fingerprints;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.storage.Store;
import org.kyoo.transcoder.engine.storage.StoreKeys;

/**
 * Every file version's fingerprints: from the metadata store (so every instance shares them), else
 * computed once, concurrent callers waiting on the same computation, and saved. The audio is the
 * file's default audio track (else its first), in Chromaprint's algorithm 4 as upstream Kyoo's.
 */
public final class FingerprintStore {
    private static final System.Logger LOG = System.getLogger(FingerprintStore.class.getName());
    static final Algorithm ALGORITHM = Algorithm.TEST4;

    private final Store metadata;
    /** sha → the computation under way; gone once saved. */
    private final ConcurrentHashMap<String, CompletableFuture<FileFingerprints>> computing = new ConcurrentHashMap<>();

    public FingerprintStore(Store metadata) {
        this.metadata = metadata;
    }

    /** The fingerprints of {@code file}'s version {@code sha}; empty when it has no audio. */
    public Optional<FileFingerprints> get(Path file, String sha, MediaInfo info) {
        if (info.audios() == null || info.audios().isEmpty()) return Optional.empty();
        FileFingerprints saved = load(sha);
        if (saved != null) return Optional.of(saved);
        CompletableFuture<FileFingerprints> mine = new CompletableFuture<>();
        CompletableFuture<FileFingerprints> running = computing.putIfAbsent(sha, mine);
        if (running != null) return Optional.of(await(running));
        try {
            // a computation that ended between our look and our claim saved its result already
            FileFingerprints prints = load(sha);
            if (prints == null) prints = compute(file, info);
            save(sha, prints);
            mine.complete(prints);
            return Optional.of(prints);
        } catch (RuntimeException | Error e) {
            // whoever shares this computation hears how it ended, whatever ended it
            mine.completeExceptionally(e);
            throw e;
        } finally {
            computing.remove(sha, mine);
        }
    }

    /** The opening and the ending of the file's default audio track, in the algorithm this store keeps. */
    public static FileFingerprints compute(Path file, MediaInfo info) {
        int track = defaultAudio(info);
        AudioWindow audio = new AudioWindow(file, track);
        double duration = info.duration();
        double from = FileFingerprints.endingFrom(duration);
        return new FileFingerprints(
                audio.fingerprint(0, FileFingerprints.openingSeconds(duration), ALGORITHM),
                audio.fingerprint(from, duration - from, ALGORITHM));
    }

    private static int defaultAudio(MediaInfo info) {
        for (int i = 0; i < info.audios().size(); i++) if (info.audios().get(i).isDefault()) return i;
        return 0;
    }

    private FileFingerprints load(String sha) {
        String key = StoreKeys.fingerprints(sha);
        try {
            Optional<byte[]> bytes = metadata.readBytes(key);
            return bytes.isEmpty() ? null : FingerprintFormat.read(bytes.get());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Computing again the unreadable " + key + " in " + metadata.describe() + ": " + e.getMessage());
            return null;
        }
    }

    private void save(String sha, FileFingerprints prints) {
        try {
            metadata.write(StoreKeys.fingerprints(sha), FingerprintFormat.write(prints));
        } catch (IOException e) {
            // the fingerprints are still used now; only a later comparison computes them again
            LOG.log(Level.WARNING, "Cannot save " + StoreKeys.fingerprints(sha) + " in " + metadata.describe() + ": " + e.getMessage());
        }
    }

    private static FileFingerprints await(CompletableFuture<FileFingerprints> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof MediaException m) throw new MediaException(m.kind(), m.getMessage(), m);
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }
}
