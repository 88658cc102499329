package org.kyoo.transcoder.engine.chapters;

import java.nio.file.Path;

/** A file version chapters are identified for, or compared with: its path and its sha. */
public record Episode(Path path, String sha) {}
