package org.kyoo.transcoder.engine.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HardwareProfilesTest {
    private static final String MISSING_NODE = "/nonexistent/renderD128";

    @Test
    void aProfileWithoutDeviceFramesRefusesToDeinterlaceOrTurnThem() {
        HardwareProfile software = new SoftwareProfile();
        assertThrows(UnsupportedOperationException.class, () -> software.deviceFilter(640, 360, true, 0));
        assertThrows(UnsupportedOperationException.class, () -> software.deviceFilter(640, 360, false, 90));
        assertEquals(software.scaleFilter(640, 360, true), software.deviceFilter(640, 360, false, 0));
    }

    @Test
    void disabledIsTheSoftwareProfile() {
        try (HardwareProfile profile = HardwareProfiles.open(Map.of())) {
            assertInstanceOf(SoftwareProfile.class, profile);
            assertEquals("disabled", profile.name());
            assertEquals("libx264", profile.encoderName());
        }
        try (HardwareProfile profile = HardwareProfiles.open("disabled", Map.of("GOCODER_VAAPI_RENDERER", MISSING_NODE))) {
            assertInstanceOf(SoftwareProfile.class, profile);
        }
    }

    @Test
    void theLegacyVariableIsReadWhenTheNewOneIsUnsetOrDisabled() {
        assertEquals("disabled", HardwareProfiles.configuredName(Map.of()));
        assertEquals("vaapi", HardwareProfiles.configuredName(Map.of("GOTRANSCODER_HWACCEL", "vaapi")));
        assertEquals("vaapi", HardwareProfiles.configuredName(
                Map.of("GOCODER_HWACCEL", "disabled", "GOTRANSCODER_HWACCEL", "vaapi")));
        assertEquals("nvidia", HardwareProfiles.configuredName(
                Map.of("GOCODER_HWACCEL", "nvidia", "GOTRANSCODER_HWACCEL", "vaapi")));
    }

    @Test
    void anUnknownNameListsTheValidOnes() {
        var e = assertThrows(HardwareProfileException.class,
                () -> HardwareProfiles.open("amf", Map.of()));
        assertEquals("No hardware acceleration named \"amf\" (GOCODER_HWACCEL): use one of"
                + " disabled, vaapi, qsv (intel), nvidia.", e.getMessage());
    }

    /** The start-up check of GOCODER_HWACCEL=vaapi on a machine without that render node. */
    @Test
    void vaapiWithoutItsRenderNodeStopsWithProfileDeviceAndLibavError() {
        var env = Map.of("GOCODER_HWACCEL", "vaapi", "GOCODER_VAAPI_RENDERER", MISSING_NODE);
        var e = assertThrows(HardwareProfileException.class, () -> HardwareProfiles.open(env));
        assertTrue(e.getMessage().startsWith("Hardware profile vaapi cannot open its device (vaapi on "
                + MISSING_NODE + "): Invalid argument (libav error -22)."), e.getMessage());
        assertTrue(e.getMessage().contains("The render node " + MISSING_NODE + " does not exist: give the container the GPU (--device /dev/dri) or set GOCODER_VAAPI_RENDERER to an existing node."), e.getMessage());
    }

    @Test
    void qsvAndItsIntelAliasWithoutTheRenderNodeNameTheQsvDevice() {
        for (String name : new String[] {"qsv", "intel"}) {
            var e = assertThrows(HardwareProfileException.class,
                    () -> HardwareProfiles.open(name, Map.of("GOCODER_QSV_RENDERER", MISSING_NODE)));
            assertTrue(e.getMessage().startsWith("Hardware profile qsv cannot open its device (qsv on "
                    + MISSING_NODE + "): "), e.getMessage());
            assertTrue(e.getMessage().contains("(libav error -"), e.getMessage());
            assertTrue(e.getMessage().endsWith("set GOCODER_QSV_RENDERER to an existing node."), e.getMessage());
        }
    }

    @Test
    void nvidiaOpensTheDefaultGpuOrSaysWhyNot() {
        try (HardwareProfile profile = HardwareProfiles.open("nvidia", Map.of())) {
            // a machine with an NVIDIA GPU and driver
            assertEquals("nvidia", profile.name());
            assertEquals("h264_nvenc", profile.encoderName());
        } catch (HardwareProfileException e) {
            assertTrue(e.getMessage().startsWith("Hardware profile nvidia cannot open its device"
                    + " (cuda on the default device): "), e.getMessage());
            assertTrue(e.getMessage().contains("--gpus all"), e.getMessage());
        }
    }

    @Test
    void namesAreTrimmedAndCaseInsensitiveAndNoneMeansDisabled() {
        try (HardwareProfile profile = HardwareProfiles.open(" Disabled ", Map.of())) {
            assertInstanceOf(SoftwareProfile.class, profile);
        }
        try (HardwareProfile profile = HardwareProfiles.open(null, Map.of())) {
            assertInstanceOf(SoftwareProfile.class, profile);
        }
        var e = assertThrows(HardwareProfileException.class, () -> HardwareProfiles.open(" VAAPI ",
                Map.of("GOCODER_VAAPI_RENDERER", MISSING_NODE)));
        assertTrue(e.getMessage().startsWith("Hardware profile vaapi "), e.getMessage());
    }
}
