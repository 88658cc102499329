package org.kyoo.transcoder.engine.scheduling;

import java.nio.file.Path;

/** What leaving players ask of the streams; every call is a no-op for a file with nothing running. */
public interface StreamControl {
    /** Stops the heads of one video stream of a file. */
    void killVideo(Path file, StreamId video);

    /** Stops the heads of one audio track of a file (v3 table). */
    void killAudio(Path file, int audio);

    /**
     * Stops heads of this video stream and audio track (either may be absent: null, -1) further
     * than 20 segments from every segment in {@code watched}.
     */
    void killOrphanedHeads(Path file, StreamId video, int audio, int[] watched);

    /** Stops every head of a file, keeping its cached segments. */
    void killFile(Path file);

    /** Stops every head of a file and deletes its cached segments. */
    void destroyFile(Path file);
}
