package org.kyoo.transcoder.engine.chapters;

/**
 * An identification under way, for {@code /streams}: the file, its neighbours (null when not
 * given) and when it started (ISO-8601).
 */
public record RunningIdentification(String path, String previous, String next, String since) {}
