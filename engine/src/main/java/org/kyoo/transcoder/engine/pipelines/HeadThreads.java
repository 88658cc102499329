package org.kyoo.transcoder.engine.pipelines;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads native loops run on. They are reused: glibc gives each new thread its own malloc
 * arena, and arenas keep what x264 and the decoders freed, so a thread per head would grow the
 * process for nothing.
 */
public final class HeadThreads {
    private static final ExecutorService THREADS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "head");
                t.setDaemon(true);
                return t;
            });

    private HeadThreads() {}

    /** Runs {@code task} on a reused thread named {@code name} while it runs. */
    public static void run(String name, Runnable task) {
        THREADS.execute(() -> {
            Thread.currentThread().setName(name);
            try {
                task.run();
            } finally {
                Thread.currentThread().setName("head (idle)");
            }
        });
    }
}
