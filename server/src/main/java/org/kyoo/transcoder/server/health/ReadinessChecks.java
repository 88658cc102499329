package org.kyoo.transcoder.server.health;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;

/** The checks a production server is ready by. */
public final class ReadinessChecks {
    private ReadinessChecks() {}

    /** libav answers a call: its natives are loaded and linked. */
    public static ReadinessCheck natives() {
        return new ReadinessCheck("natives", () -> avutil.avutil_version() > 0 ? null : "libavutil reports no version");
    }

    /** The folder exists and this process may write in it. */
    public static ReadinessCheck writable(String name, Path folder) {
        return new ReadinessCheck(name, () -> {
            if (!Files.isDirectory(folder)) return folder + " is not a folder";
            if (!Files.isWritable(folder)) return folder + " is not writable";
            return null;
        });
    }
}
