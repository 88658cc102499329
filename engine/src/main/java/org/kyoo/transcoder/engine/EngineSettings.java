package org.kyoo.transcoder.engine;

import java.nio.file.Path;
import org.kyoo.transcoder.engine.hardware.HardwareProfile;
import org.kyoo.transcoder.engine.hdr.ToneMapping;

/**
 * Everything the engine needs to know about its deployment, built once at start-up and passed in.
 * (Route URLs are the server's: nothing here says where the engine's outputs are served.)
 *
 * @param cacheRoot      transcoded segments, emptied at start-up
 * @param metadataRoot   info.json, keyframes.json, subtitles, attachments, sprites
 * @param preset         encoder preset for steady-state encoding
 * @param startupPreset  preset for the first segment of a head a player waits on; null or empty: off
 * @param hardware       the video decode/scale/encode profile
 * @param loadPreset     software only: preset of the segments a head starts while more video heads
 *                       want the CPU than there are encode slots (the machine cannot keep up at
 *                       {@code preset}); MPEG-TS streams only; null or empty: off
 * @param encodesVideo   false: video is never encoded (a small machine), only copied; audio still is
 * @param toneMapping    the curve HDR sources' transcodes and sprites are tone-mapped with (GOCODER_TONEMAP)
 */
public record EngineSettings(
        Path cacheRoot,
        Path metadataRoot,
        String preset,
        String startupPreset,
        HardwareProfile hardware,
        String loadPreset,
        boolean encodesVideo,
        ToneMapping toneMapping) {

    /** Video encoded where a rendition needs it; HDR tone-mapped with the default curve. */
    public EngineSettings(Path cacheRoot, Path metadataRoot, String preset, String startupPreset, HardwareProfile hardware,
                          String loadPreset) {
        this(cacheRoot, metadataRoot, preset, startupPreset, hardware, loadPreset, true, ToneMapping.DEFAULT);
    }

    /** Without a load preset: every segment past a head's first at {@code preset}. */
    public EngineSettings(Path cacheRoot, Path metadataRoot, String preset, String startupPreset, HardwareProfile hardware) {
        this(cacheRoot, metadataRoot, preset, startupPreset, hardware, null);
    }

    public boolean hasStartupPreset() {
        return startupPreset != null && !startupPreset.isEmpty();
    }

    public boolean hasLoadPreset() {
        return loadPreset != null && !loadPreset.isEmpty();
    }
}
