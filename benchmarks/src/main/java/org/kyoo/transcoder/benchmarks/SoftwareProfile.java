package org.kyoo.transcoder.benchmarks;

import org.kyoo.transcoder.engine.hardware.HardwareProfile;

/** The engine's software (GOCODER_HWACCEL=disabled) profile, as the server picks it by default. */
final class SoftwareProfile {
    private SoftwareProfile() {}

    static HardwareProfile create() {
        // TODO(bench): the hardware work lands the software profile; until then heads get none
        return null;
    }
}
