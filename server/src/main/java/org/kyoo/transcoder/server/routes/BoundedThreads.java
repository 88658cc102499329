package org.kyoo.transcoder.server.routes;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A few daemon threads of their own with a bounded queue, for background work a route starts:
 * it neither takes the JVM's common pool (one thread on two cores) nor piles up without bound;
 * past the queue a task is refused ({@link java.util.concurrent.RejectedExecutionException}).
 */
final class BoundedThreads {
    private BoundedThreads() {}

    static ExecutorService of(String name, int threads, int waiting) {
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(waiting), task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
