package org.kyoo.transcoder.server.clients;

import java.nio.file.Path;

/** What the tracker asks of the engine; every call is a no-op for a file with nothing running. */
public interface StreamControl {
    /** Stops the heads of one video rendition of a file. */
    void killVideo(Path file, VideoTrack video);

    /** Stops the heads of one audio track of a file. */
    void killAudio(Path file, int audio);

    /**
     * Stops heads of this rendition and track (either may be absent: null, -1) further than 20
     * segments from every segment in {@code watched}.
     */
    void killOrphanedHeads(Path file, VideoTrack video, int audio, int[] watched);

    /** Stops every head of a file, keeping its cached segments. */
    void killFile(Path file);

    /** Stops every head of a file and deletes its cached segments. */
    void destroyFile(Path file);
}
