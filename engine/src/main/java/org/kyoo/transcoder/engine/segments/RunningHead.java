package org.kyoo.transcoder.engine.segments;

/**
 * A head as {@code /streams} shows it: which file and stream it makes, and where it is.
 *
 * @param stream   the stream's folder name: {@code original}, {@code 720p}, {@code audio-0}, {@code fmp4-video-0-original}…
 * @param position the segment being made
 * @param end      the segment it stops before
 */
public record RunningHead(String file, String stream, int id, int position, int end) {}
