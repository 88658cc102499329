package org.kyoo.transcoder.server.http;

import java.io.IOException;
import org.kyoo.transcoder.engine.av.AvException;

/** Whether a failure comes down to a full disk (ENOSPC), from Java's file calls or from libav's writes. */
final class DiskFull {
    /** AVERROR(ENOSPC) on Linux. */
    static final int AVERROR_ENOSPC = -28;
    /** strerror(ENOSPC), which Java's file exceptions carry as their reason. */
    static final String ENOSPC_TEXT = "No space left on device";

    private DiskFull() {}

    static boolean in(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AvException av && av.code() == AVERROR_ENOSPC) return true;
            if (t instanceof IOException && t.getMessage() != null && t.getMessage().contains(ENOSPC_TEXT)) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }
}
