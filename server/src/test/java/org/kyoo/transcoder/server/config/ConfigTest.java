package org.kyoo.transcoder.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
    @TempDir
    Path dir;

    @Test
    void withNothingSetFoldersLiveUnderTheWorkingDirectory() {
        Config config = Config.fromEnvironment(Map.of(), dir);
        assertEquals(dir.resolve("video"), config.safeRoot());
        assertEquals(dir.resolve("cache"), config.cacheRoot());
        assertEquals(dir.resolve("metadata"), config.metadataRoot());
        assertEquals(7666, config.port());
        assertEquals("disabled", config.hwaccel());
        assertEquals("fast", config.preset());
        assertEquals("superfast", config.startupPreset());
        assertEquals("superfast", config.loadPreset());
        assertEquals("superfast", config.engineSettings(null).loadPreset());
        assertEquals("", config.routePrefix());
    }

    @Test
    void readsEveryVariable() {
        Config config = Config.fromEnvironment(Map.of(
                "GOCODER_SAFE_PATH", "/video",
                "GOCODER_CACHE_ROOT", "/cache",
                "GOCODER_METADATA_ROOT", "/metadata",
                "GOCODER_PREFIX", "/video/",
                "GOCODER_PRESET", "slow",
                "GOCODER_STARTUP_PRESET", "",
                "GOCODER_LOAD_PRESET", "",
                "GOCODER_PORT", "8080"), dir);
        assertEquals(Path.of("/video"), config.safeRoot());
        assertEquals(Path.of("/cache"), config.cacheRoot());
        assertEquals("/video", config.routePrefix());
        assertEquals("slow", config.preset());
        assertEquals("", config.startupPreset(), "set but empty turns it off");
        assertFalse(config.engineSettings(null).hasStartupPreset());
        assertFalse(config.engineSettings(null).hasLoadPreset(), "set but empty turns the load preset off");
        assertEquals(8080, config.port());
    }

    @Test
    void theLoadPresetIsCheckedAndIsX264Only() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> Config.fromEnvironment(Map.of("GOCODER_LOAD_PRESET", "quick"), dir));
        assertTrue(error.getMessage().contains("GOCODER_LOAD_PRESET"), error.getMessage());
        assertEquals("veryfast", Config.fromEnvironment(Map.of("GOCODER_LOAD_PRESET", "veryfast"), dir)
                .engineSettings(null).loadPreset());
        // a hardware encoder's presets are its own: the x264 load preset is not handed to it
        assertNull(Config.fromEnvironment(Map.of("GOCODER_HWACCEL", "vaapi"), dir).engineSettings(null).loadPreset());
    }

    @Test
    void theToneMappingCurveIsMobiusUnlessToldAndAnUnknownOneStopsStartUp() {
        assertEquals("mobius", Config.fromEnvironment(Map.of(), dir).engineSettings(null).toneMapping().curve());
        assertEquals("hable", Config.fromEnvironment(Map.of("GOCODER_TONEMAP", "hable"), dir).engineSettings(null).toneMapping().curve());
        ConfigException error = assertThrows(ConfigException.class,
                () -> Config.fromEnvironment(Map.of("GOCODER_TONEMAP", "bt2390"), dir));
        assertTrue(error.getMessage().contains("mobius, hable, reinhard, clip, linear, gamma"), error.getMessage());
    }

    @Test
    void anUnknownHardwareProfileNamesTheValidOnes() {
        ConfigException error = assertThrows(ConfigException.class,
                () -> Config.fromEnvironment(Map.of("GOCODER_HWACCEL", "amd"), dir));
        assertTrue(error.getMessage().contains("amd"), error.getMessage());
        assertTrue(error.getMessage().contains("disabled, vaapi, qsv, intel, nvidia"), error.getMessage());
    }

    @Test
    void theLegacyVariableStillWorksAndIntelMeansQsv() {
        assertEquals("qsv", Config.fromEnvironment(Map.of("GOTRANSCODER_HWACCEL", "intel"), dir).hwaccel());
        assertEquals("nvidia", Config.fromEnvironment(Map.of("GOCODER_HWACCEL", "NVIDIA"), dir).hwaccel());
        assertEquals("vaapi", Config.fromEnvironment(
                Map.of("GOCODER_HWACCEL", "disabled", "GOTRANSCODER_HWACCEL", "vaapi"), dir).hwaccel());
    }

    @Test
    void badPortsAndPresetsStopStartUp() {
        assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("GOCODER_PORT", "http"), dir));
        assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("GOCODER_PORT", "70000"), dir));
        ConfigException preset = assertThrows(ConfigException.class,
                () -> Config.fromEnvironment(Map.of("GOCODER_PRESET", "quick"), dir));
        assertTrue(preset.getMessage().contains("veryfast"), preset.getMessage());
    }

    @Test
    void startUpCreatesTheFoldersAndEmptiesTheCache() throws IOException {
        Config config = Config.fromEnvironment(Map.of(), dir);
        Files.createDirectories(config.cacheRoot().resolve("j1-old/720p"));
        Files.writeString(config.cacheRoot().resolve("j1-old/720p/segment-0.ts"), "stale");
        Folders.prepare(config);
        assertTrue(Files.isDirectory(config.safeRoot()));
        assertTrue(Files.isDirectory(config.metadataRoot()));
        try (var left = Files.list(config.cacheRoot())) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void aCacheRootHoldingTheMediaIsRefused() {
        Config config = Config.fromEnvironment(Map.of("GOCODER_CACHE_ROOT", dir.toString()), dir);
        assertThrows(ConfigException.class, () -> Folders.prepare(config));
    }
}
