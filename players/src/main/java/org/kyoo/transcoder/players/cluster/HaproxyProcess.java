package org.kyoo.transcoder.players.cluster;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's HAProxy running the shipped {@code deploy/haproxy.cfg}, only its {@code bind} and
 * {@code server} lines rewritten for the test's ports. Missing, it fails saying how to install it.
 */
public final class HaproxyProcess implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/haproxy");

    public final int port;
    private final Process process;
    private final Path log;
    private final Thread reaper;

    private HaproxyProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.reaper = new Thread(process::destroyForcibly, "haproxy-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** @param shipped deploy/haproxy.cfg; {@code instances}: name and port of each server, in order */
    public static HaproxyProcess start(Path shipped, Path dir, int port, List<InstanceProcess> instances)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("The multi-instance tests need Debian's HAProxy at " + BINARY
                    + ": apt-get install haproxy (.ci/run does it)");
        }
        StringBuilder config = new StringBuilder();
        boolean serversWritten = false;
        for (String line : Files.readAllLines(shipped)) {
            String trimmed = line.trim();
            if (trimmed.startsWith("bind ")) {
                config.append("    bind 127.0.0.1:").append(port).append('\n');
            } else if (trimmed.startsWith("server ")) {
                if (!serversWritten) {
                    for (InstanceProcess i : instances) config.append("    server ").append(i.name).append(" 127.0.0.1:").append(i.port).append('\n');
                    serversWritten = true;
                }
            } else {
                config.append(line).append('\n');
            }
        }
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, config);
        Path log = dir.resolve("haproxy.log");
        Process process = new ProcessBuilder(BINARY.toString(), "-db", "-f", file.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        HaproxyProcess haproxy = new HaproxyProcess(process, port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                haproxy.close();
                throw new IOException("haproxy exited (" + process.exitValue() + "): " + Files.readString(log));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return haproxy;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        haproxy.close();
        throw new IOException("haproxy did not listen on " + port + ": " + Files.readString(log));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // shutting down: the hook runs anyway
        }
    }
}
