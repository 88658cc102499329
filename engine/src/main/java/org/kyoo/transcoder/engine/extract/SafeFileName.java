package org.kyoo.transcoder.engine.extract;

import java.util.Optional;

/** File names that stay inside the folder they are resolved against. */
public final class SafeFileName {
    private SafeFileName() {}

    /**
     * Whether {@code name} is a single plain file name: not empty, no separator, no {@code ..}, no
     * control character. The rule of the {@code /subtitle/:name} and {@code /attachment/:name} routes.
     */
    public static boolean isPlain(String name) {
        if (name == null || name.isEmpty() || name.equals(".")) return false;
        if (name.contains("/") || name.contains("\\") || name.contains("..")) return false;
        return name.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }

    /**
     * The name an attachment is written under: the last path component of what the file claims
     * (a muxer may store "fonts/a.ttf"), or empty when even that is not plain.
     */
    public static Optional<String> fromAttachment(String claimed) {
        if (claimed == null) return Optional.empty();
        String base = claimed.substring(Math.max(claimed.lastIndexOf('/'), claimed.lastIndexOf('\\')) + 1);
        return isPlain(base) ? Optional.of(base) : Optional.empty();
    }
}
