package org.kyoo.transcoder.engine.testmedia;

import java.nio.file.Path;

/** A generated media file and what it was made of. */
public record Fixture(Path path, FixtureSpec spec) {}
