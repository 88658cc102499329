package org.kyoo.transcoder.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kyoo.transcoder.engine.EngineSettings;
import org.kyoo.transcoder.engine.encoding.EncodingPolicy;
import org.kyoo.transcoder.engine.encoding.OutputCodec;
import org.kyoo.transcoder.engine.hardware.HardwareProfile;
import org.kyoo.transcoder.engine.hardware.HardwareProfiles;
import org.kyoo.transcoder.engine.hdr.ToneMapping;

/**
 * The server's configuration, read once from the environment at start-up (SPEC "Configuration").
 * With nothing set, folders default to {@code video}, {@code cache} and {@code metadata} under the
 * working directory, so a fresh checkout starts and serves.
 *
 * @param hwaccel       a name from {@link #HWACCELS}, {@code intel} folded into {@code qsv}
 * @param startupPreset preset of a head's first awaited segment; empty: off
 * @param loadPreset    preset of the segments begun while more software video heads want to
 *                      encode than {@code GOCODER_MAX_HEADS} allows; empty: off
 * @param port          listen port; 0 picks a free one (tests)
 * @param operations    access control, CORS, shutdown and metrics export
 * @param kyooBase      where upstream Kyoo's table is served ({@link KyooBase}), {@code /video} by default
 * @param storage       the bucket instances share ({@link ObjectStorage}); {@link ObjectStorage#NONE}: local folders only
 * @param instance      this instance's name ({@link Instance})
 * @param transcodes    {@code GOCODER_TRANSCODE}: false ({@code disabled}) never encodes video, only copies it
 * @param toneMapping   the curve HDR sources are tone-mapped with (GOCODER_TONEMAP)
 */
public record Config(
        Path safeRoot,
        Path cacheRoot,
        Path metadataRoot,
        String routePrefix,
        String hwaccel,
        String preset,
        String startupPreset,
        String loadPreset,
        String vaapiRenderer,
        String qsvRenderer,
        int port,
        Operations operations,
        String kyooBase,
        ObjectStorage storage,
        String instance,
        boolean transcodes,
        ToneMapping toneMapping) {

    public static final List<String> HWACCELS = List.of("disabled", "vaapi", "qsv", "intel", "nvidia");
    public static final int DEFAULT_PORT = 7666;
    /** A seek's first segment: about a quarter quicker than veryfast (README, "Start-up preset"). */
    public static final String DEFAULT_STARTUP_PRESET = "superfast";
    /** Over-committed: about 1.8x less CPU per segment than fast (README, "Load preset"). */
    public static final String DEFAULT_LOAD_PRESET = "superfast";
    static final String DEFAULT_RENDERER = "/dev/dri/renderD128";

    public static Config fromEnvironment(Map<String, String> env, Path workingDirectory) {
        Path cwd = workingDirectory.toAbsolutePath().normalize();
        String hwaccel = firstSet(env, "GOCODER_HWACCEL", null, "disabled").toLowerCase(Locale.ROOT);
        // as the original: the legacy name is read when the new one is unset or says disabled
        if (hwaccel.equals("disabled")) hwaccel = firstSet(env, "GOTRANSCODER_HWACCEL", null, "disabled").toLowerCase(Locale.ROOT);
        if (!HWACCELS.contains(hwaccel)) {
            throw new ConfigException("Unknown GOCODER_HWACCEL value \"" + hwaccel + "\"; valid values: "
                    + String.join(", ", HWACCELS) + ".");
        }
        if (hwaccel.equals("intel")) hwaccel = "qsv";
        String preset = firstSet(env, "GOCODER_PRESET", null, "fast");
        String startupPreset = optionalPreset(env, "GOCODER_STARTUP_PRESET", DEFAULT_STARTUP_PRESET);
        String loadPreset = optionalPreset(env, "GOCODER_LOAD_PRESET", DEFAULT_LOAD_PRESET);
        // the software encoder's names, where it encodes: any other would fail every encode, so it stops start-up instead
        if (!HardwareProfiles.encodesOnDevice(hwaccel)) {
            checkPreset("GOCODER_PRESET", preset);
            if (!startupPreset.isEmpty()) checkPreset("GOCODER_STARTUP_PRESET", startupPreset);
            if (!loadPreset.isEmpty()) checkPreset("GOCODER_LOAD_PRESET", loadPreset);
        }
        String prefix = firstSet(env, "GOCODER_PREFIX", null, "");
        while (prefix.endsWith("/")) prefix = prefix.substring(0, prefix.length() - 1);
        return new Config(
                folder(env, "GOCODER_SAFE_PATH", cwd, "video"),
                folder(env, "GOCODER_CACHE_ROOT", cwd, "cache"),
                folder(env, "GOCODER_METADATA_ROOT", cwd, "metadata"),
                prefix,
                hwaccel,
                preset,
                startupPreset,
                loadPreset,
                firstSet(env, "GOCODER_VAAPI_RENDERER", null, DEFAULT_RENDERER),
                firstSet(env, "GOCODER_QSV_RENDERER", null, DEFAULT_RENDERER),
                port(env.get("GOCODER_PORT")),
                Operations.fromEnvironment(env),
                KyooBase.of(env.get(KyooBase.VARIABLE)),
                ObjectStorage.fromEnvironment(env),
                Instance.name(env),
                transcodes(env.get("GOCODER_TRANSCODE")),
                toneMapping(firstSet(env, "GOCODER_TONEMAP", null, ToneMapping.DEFAULT.curve())));
    }

    /** {@code GOCODER_TRANSCODE}: {@code enabled} (the default) or {@code disabled} (copies only, for a machine too small to encode). */
    private static boolean transcodes(String value) {
        if (value == null || value.isBlank()) return true;
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "enabled" -> true;
            case "disabled" -> false;
            default -> throw new ConfigException("Unknown GOCODER_TRANSCODE value \"" + value.trim() + "\"; valid values: enabled, disabled.");
        };
    }

    private static ToneMapping toneMapping(String curve) {
        if (!ToneMapping.CURVES.contains(curve)) {
            throw new ConfigException("Unknown GOCODER_TONEMAP value \"" + curve + "\"; valid values: "
                    + String.join(", ", ToneMapping.CURVES) + ".");
        }
        return new ToneMapping(curve);
    }

    /** The engine's settings, with the load preset in effect under {@code hwaccel} (the engine's rule). */
    public EngineSettings engineSettings(HardwareProfile hardware) {
        String load = EncodingPolicy.loadPreset(loadPreset, HardwareProfiles.encodesOnDevice(hwaccel));
        return new EngineSettings(cacheRoot, metadataRoot, preset, startupPreset, hardware, load, transcodes, toneMapping);
    }

    /** Set but empty turns it off; unset keeps the default. */
    private static String optionalPreset(Map<String, String> env, String variable, String fallback) {
        return env.containsKey(variable) ? env.get(variable).trim() : fallback;
    }

    private static Path folder(Map<String, String> env, String name, Path cwd, String fallback) {
        String value = env.get(name);
        Path path = value == null || value.isBlank() ? cwd.resolve(fallback) : cwd.resolve(value.trim());
        return path.normalize();
    }

    private static String firstSet(Map<String, String> env, String name, String legacyName, String fallback) {
        String value = env.get(name);
        if ((value == null || value.isBlank()) && legacyName != null) value = env.get(legacyName);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static void checkPreset(String variable, String preset) {
        List<String> presets = OutputCodec.TRANSCODED.softwarePresets();
        if (!presets.contains(preset)) {
            throw new ConfigException("Unknown " + variable + " value \"" + preset + "\"; valid values: "
                    + String.join(", ", presets) + ".");
        }
    }

    private static int port(String value) {
        if (value == null || value.isBlank()) return DEFAULT_PORT;
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) return port;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException("GOCODER_PORT must be a port number (0-65535), not \"" + value + "\".");
    }
}
