package org.kyoo.transcoder.players;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One {@link PlayerBench} (server, site, Chromium) per test class; each test opens its own page. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
abstract class BrowserTest {
    static final Path THEORA = PlayerBench.THEORA;

    @TempDir
    static Path dir;
    PlayerBench bench;

    /** The table the class plays: "" (v3, MPEG-TS) or "/video" (Kyoo's current, fMP4). */
    abstract String table();

    @BeforeAll
    void startBench() throws Exception {
        bench = PlayerBench.start(dir);
    }

    @AfterAll
    void stopBench() throws Exception {
        if (bench != null) bench.close();
    }

    /** The route of a copy of {@code fixture} on this class's table. */
    String route(Path fixture) throws Exception {
        return bench.route(table(), fixture);
    }

    WebPlayer open() {
        return bench.open();
    }

    WebPlayer open(WebPlayer.Kind kind) {
        return bench.open(kind);
    }
}
