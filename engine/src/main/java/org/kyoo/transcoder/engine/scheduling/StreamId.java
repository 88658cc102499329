package org.kyoo.transcoder.engine.scheduling;

/**
 * One stream of a file as players and scheduling see it: its folder label ({@code original},
 * {@code 720p}, {@code audio-0}, {@code fmp4-video-0-720p}…) and whether it carries audio (a player
 * watches one video stream and one audio stream of a file at a time).
 */
public record StreamId(String label, boolean audio) {
    @Override
    public String toString() {
        return label;
    }
}
