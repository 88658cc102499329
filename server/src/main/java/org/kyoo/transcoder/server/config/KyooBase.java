package org.kyoo.transcoder.server.config;

import java.util.regex.Pattern;
import org.kyoo.transcoder.server.paths.Base64Path;

/**
 * The base path of upstream Kyoo's route table ({@code GOCODER_KYOO_BASE_PATH}). Upstream
 * hard-codes {@code /video} and names no variable for it; a gateway that mounts the transcoder
 * elsewhere needs another. Checked at start-up, since a bad base would only show as 404s later.
 */
public final class KyooBase {
    public static final String VARIABLE = "GOCODER_KYOO_BASE_PATH";
    /** Upstream's own base. */
    public static final String DEFAULT = "/video";
    /** A path segment a URL carries as is, never a template's {@code {name}} nor a query. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+");

    private KyooBase() {}

    /** The base {@code value} names (unset or blank: {@link #DEFAULT}); throws {@link ConfigException} when unusable. */
    public static String of(String value) {
        if (value == null || value.isBlank()) return DEFAULT;
        String base = value.trim();
        if (!base.startsWith("/")) throw invalid(base, "it must start with a slash");
        if (base.length() == 1) throw invalid(base, "the table would sit on the v3 routes, which start at /");
        if (base.endsWith("/")) throw invalid(base, "it must not end with a slash");
        String[] segments = base.substring(1).split("/", -1);
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                throw invalid(base, "each segment is letters, digits, '.', '_', '~' or '-' (not '.' or '..' alone)");
            }
        }
        if (isFilePath(segments[0])) {
            // a v3 route starts with a file's base64 path: such a base would take some files' routes
            throw invalid(base, "its first segment reads as a base64 file path, where the v3 routes start");
        }
        return base;
    }

    private static boolean isFilePath(String segment) {
        try {
            return Base64Path.decode(segment).startsWith("/");
        } catch (RuntimeException notBase64) {
            return false;
        }
    }

    private static ConfigException invalid(String base, String why) {
        return new ConfigException(VARIABLE + " \"" + base + "\" cannot be used: " + why + " (e.g. " + DEFAULT + ").");
    }
}
