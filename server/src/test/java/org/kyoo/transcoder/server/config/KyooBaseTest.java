package org.kyoo.transcoder.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GOCODER_KYOO_BASE_PATH}: upstream's {@code /video} unless set, and refused at start-up when unusable. */
class KyooBaseTest {
    @Test
    void upstreamsBaseIsTheDefault() {
        assertEquals("/video", Config.fromEnvironment(Map.of(), Path.of(".")).kyooBase());
        assertEquals("/video", Config.fromEnvironment(Map.of("GOCODER_KYOO_BASE_PATH", " "), Path.of(".")).kyooBase());
    }

    @Test
    void anotherBaseIsTakenAsWritten() {
        assertEquals("/api/transcoder", Config.fromEnvironment(Map.of("GOCODER_KYOO_BASE_PATH", "/api/transcoder"), Path.of("."))
                .kyooBase());
        assertEquals("/kyoo-v5.1", KyooBase.of(" /kyoo-v5.1 "));
    }

    @Test
    void aBaseThatCannotServeStopsStartUpSayingWhy() {
        for (String bad : List.of("video", "/video/", "/", "//video", "/a//b", "/a/{path}", "/a b", "/a/../b", "/./a",
                "/video?x=1", "/L3ZpZGVv", "/L3ZpZGVv/api")) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> Config.fromEnvironment(Map.of("GOCODER_KYOO_BASE_PATH", bad), Path.of(".")), bad);
            assertTrue(e.getMessage().startsWith("GOCODER_KYOO_BASE_PATH \"" + bad.trim() + "\" cannot be used: "), e.getMessage());
        }
        // "/L3ZpZGVv" is the base64 of "/video": the v3 route of that file starts the same way
        assertTrue(assertThrows(ConfigException.class, () -> KyooBase.of("/L3ZpZGVv")).getMessage().contains("base64 file path"));
    }
}
