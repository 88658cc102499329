package org.kyoo.transcoder.engine.events;

/**
 * A head starting.
 *
 * @param kind  "video", "audio" or "transmux"
 * @param label the stream it makes ("movie.mkv 720p")
 * @param id    the head's number within its stream
 * @param first its first segment
 * @param end   one past the last segment it may make
 */
public record HeadStart(String kind, String label, int id, int first, int end) {}
