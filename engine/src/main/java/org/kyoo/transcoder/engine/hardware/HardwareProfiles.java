package org.kyoo.transcoder.engine.hardware;

import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns GOCODER_HWACCEL into an open {@link HardwareProfile}, once at start-up. Errors are
 * {@link HardwareProfileException}s whose message the server prints before it exits.
 */
public final class HardwareProfiles {
    public static final String VARIABLE = "GOCODER_HWACCEL";
    /** The name the original used before it was renamed; read when the new one is unset or disabled. */
    public static final String LEGACY_VARIABLE = "GOTRANSCODER_HWACCEL";
    public static final String VAAPI_RENDERER = "GOCODER_VAAPI_RENDERER";
    public static final String QSV_RENDERER = "GOCODER_QSV_RENDERER";
    public static final String DEFAULT_RENDERER = "/dev/dri/renderD128";
    public static final String DISABLED = "disabled";
    /** What an unknown name is told to use instead. */
    public static final String VALID_NAMES = "disabled, vaapi, qsv (intel), nvidia";

    private static final System.Logger LOG = System.getLogger(HardwareProfiles.class.getName());

    private HardwareProfiles() {}

    /** The configured profile name: GOCODER_HWACCEL, else the legacy GOTRANSCODER_HWACCEL, else disabled. */
    public static String configuredName(Map<String, String> env) {
        String name = normalise(env.get(VARIABLE));
        if (name.equals(DISABLED)) name = normalise(env.get(LEGACY_VARIABLE));
        return name;
    }

    /**
     * Whether profile {@code name} encodes on its device: every one but {@code disabled}, the software
     * profile. Known from the name, so the configuration can tell before any device is opened.
     */
    public static boolean encodesOnDevice(String name) {
        return !normalise(name).equals(DISABLED);
    }

    /** Opens the profile the environment names (GOCODER_HWACCEL, then the legacy variable). */
    public static HardwareProfile open(Map<String, String> env) {
        return open(configuredName(env), env);
    }

    /**
     * Opens profile {@code name}, its device included, reading render nodes from {@code env}.
     *
     * @throws HardwareProfileException for an unknown name (listing the valid ones) or a device that
     *                                  does not open (naming the profile, the device and libav's error)
     */
    public static HardwareProfile open(String name, Map<String, String> env) {
        return open(name, env, SoftwareProfile::new);
    }

    /** As {@link #open(String, Map)}, with {@code software} making the profile for {@code disabled}. */
    static HardwareProfile open(String name, Map<String, String> env, Supplier<? extends HardwareProfile> software) {
        String normalised = normalise(name);
        HardwareProfile profile = switch (normalised) {
            case DISABLED -> software.get();
            case VaapiProfile.NAME -> VaapiProfile.open(renderer(env, VAAPI_RENDERER));
            case QsvProfile.NAME, "intel" -> QsvProfile.open(renderer(env, QSV_RENDERER));
            case CudaProfile.NAME -> CudaProfile.open();
            default -> throw new HardwareProfileException("No hardware acceleration named \"" + name + "\" ("
                    + VARIABLE + "): use one of " + VALID_NAMES + ".");
        };
        String where = profile instanceof AcceleratedProfile accelerated ? " (" + accelerated.deviceDescription() + ")" : "";
        LOG.log(Level.INFO, "Using hardware acceleration: {0}{1}", profile.name(), where);
        return profile;
    }

    private static String renderer(Map<String, String> env, String variable) {
        String node = env.get(variable);
        return node == null || node.isBlank() ? DEFAULT_RENDERER : node.trim();
    }

    private static String normalise(String name) {
        return name == null || name.isBlank() ? DISABLED : name.trim().toLowerCase(Locale.ROOT);
    }
}
