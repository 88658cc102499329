package org.kyoo.transcoder.engine.processes;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

/** What the tests and benchmarks that start a real component as a process (S3Proxy, the server) share. */
public final class ChildProcesses {
    private ChildProcesses() {}

    /** Asks {@code process} to stop (SIGTERM), then kills it when it has not within 10 s; waits for its end. */
    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A TCP port free now, for a process to listen on. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
