package org.kyoo.transcoder.engine.scheduling;

import java.nio.file.Path;

/**
 * What one request says about a player. Playlist requests know only part of it (the master playlist
 * names no track), so absent parts are {@code null} / -1 and keep the player's previous value on
 * that file.
 *
 * @param video   the video stream, null when the request does not say
 * @param audio   the audio track (v3 table), -1 when the request does not say
 * @param segment the last segment asked for, -1 when the request does not say
 */
public record ClientPosition(String client, Path file, StreamId video, int audio, int segment) {
    public static ClientPosition opened(String client, Path file) {
        return new ClientPosition(client, file, null, -1, -1);
    }

    public static ClientPosition video(String client, Path file, StreamId video, int segment) {
        return new ClientPosition(client, file, video, -1, segment);
    }

    public static ClientPosition audio(String client, Path file, int audio, int segment) {
        return new ClientPosition(client, file, null, audio, segment);
    }

    /** This position, with what it leaves unsaid taken from {@code previous}. */
    ClientPosition completedBy(ClientPosition previous) {
        return new ClientPosition(client, file,
                video != null ? video : previous.video,
                audio != -1 ? audio : previous.audio,
                segment != -1 ? segment : previous.segment);
    }
}
