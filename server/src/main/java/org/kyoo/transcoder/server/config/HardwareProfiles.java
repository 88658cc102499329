package org.kyoo.transcoder.server.config;

import org.kyoo.transcoder.engine.hardware.HardwareProfile;
import org.kyoo.transcoder.engine.hardware.SoftwareProfile;

/**
 * The seam where the configured GOCODER_HWACCEL becomes a profile. The engine's hardware factory
 * replaces the body once it lands; until then only the software profile exists.
 */
public final class HardwareProfiles {
    private HardwareProfiles() {}

    public static HardwareProfile create(Config config) {
        if (config.hwaccel().equals("disabled")) return new SoftwareProfile();
        throw new ConfigException("GOCODER_HWACCEL=" + config.hwaccel()
                + " is not available in this build yet; use disabled.");
    }
}
