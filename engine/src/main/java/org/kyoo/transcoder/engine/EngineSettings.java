package org.kyoo.transcoder.engine;

import java.nio.file.Path;
import org.kyoo.transcoder.engine.hardware.HardwareProfile;

/**
 * Everything the engine needs to know about its deployment, built once at start-up and passed in.
 *
 * @param cacheRoot      transcoded segments, emptied at start-up
 * @param metadataRoot   info.json, keyframes.json, subtitles, attachments, sprites
 * @param routePrefix    public route prefix used in generated links ("" for none)
 * @param preset         encoder preset for steady-state encoding
 * @param startupPreset  preset for the first segment of a head a player waits on; null or empty: off
 * @param hardware       the video decode/scale/encode profile
 */
public record EngineSettings(
        Path cacheRoot,
        Path metadataRoot,
        String routePrefix,
        String preset,
        String startupPreset,
        HardwareProfile hardware) {

    public boolean hasStartupPreset() {
        return startupPreset != null && !startupPreset.isEmpty();
    }
}
