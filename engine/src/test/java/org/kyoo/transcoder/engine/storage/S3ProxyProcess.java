package org.kyoo.transcoder.engine.storage;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.kyoo.transcoder.engine.processes.ChildProcesses;

/**
 * A real S3-compatible server for tests: S3Proxy (filesystem backend) in its own JVM, from the jar
 * the build copies to {@code target/s3proxy} ({@code s3proxy.jar}). Its objects are files under
 * {@code {dir}/data/{bucket}}, so a test sees what was uploaded without the product ever listing a
 * bucket. Missing, it fails saying how to get it; it never outlives the test JVM.
 */
public final class S3ProxyProcess implements AutoCloseable {
    public static final String IDENTITY = "transcoder-test";
    public static final String CREDENTIAL = "transcoder-test-secret";

    private final Process process;
    private final Path data;
    private final String bucket;
    private final int port;
    private final Path log;
    private final Thread reaper;

    private S3ProxyProcess(Process process, Path data, String bucket, int port, Path log) {
        this.process = process;
        this.data = data;
        this.bucket = bucket;
        this.port = port;
        this.log = log;
        this.reaper = new Thread(process::destroyForcibly, "s3proxy-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Where the build puts S3Proxy's runnable jar. */
    public static Path jar() {
        Path jar = Path.of(System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("S3Proxy is missing at " + jar.toAbsolutePath() + ": the build copies"
                    + " org.gaul:s3proxy (jar-with-dependencies) there at process-test-classes (mvn verify does)");
        }
        return jar;
    }

    /** Starts S3Proxy on a free port with an empty bucket {@code bucket}, under {@code dir}. */
    public static S3ProxyProcess start(Path dir, String bucket) throws IOException, InterruptedException {
        return start(dir, bucket, ChildProcesses.freePort());
    }

    /** As {@link #start(Path, String)}, on {@code port} (a restart keeps its port and its objects). */
    public static S3ProxyProcess start(Path dir, String bucket, int port) throws IOException, InterruptedException {
        return start(dir, bucket, port, false);
    }

    /**
     * As {@link #start(Path, String)}, refusing every write (S3Proxy's read-only middleware): what a
     * full bucket, or one the credentials may only read, does to uploads; reads still work.
     */
    public static S3ProxyProcess startRefusingWrites(Path dir, String bucket) throws IOException, InterruptedException {
        return start(dir, bucket, ChildProcesses.freePort(), true);
    }

    private static S3ProxyProcess start(Path dir, String bucket, int port, boolean readOnly) throws IOException, InterruptedException {
        Path jar = jar();
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(data.resolve(bucket));
        Path properties = dir.resolve("s3proxy.conf");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + IDENTITY,
                "s3proxy.credential=" + CREDENTIAL,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + data,
                "s3proxy.read-only-blobstore=" + readOnly) + "\n");
        Path log = dir.resolve("s3proxy.log");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "--properties", properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        S3ProxyProcess s3 = new S3ProxyProcess(process, data, bucket, port, log);
        try {
            s3.awaitListening();
        } catch (IOException | InterruptedException | RuntimeException e) {
            s3.close();
            throw e;
        }
        return s3;
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IOException("S3Proxy exited (" + process.exitValue() + "): " + tail());
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("S3Proxy did not listen on " + port + " within 60 s: " + tail());
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public String bucket() {
        return bucket;
    }

    public long pid() {
        return process.pid();
    }

    /** What a server needs in its environment to use this bucket. */
    public Map<String, String> environment() {
        return Map.of("S3_BUCKET_NAME", bucket, "AWS_ENDPOINT_URL_S3", endpoint().toString(), "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", IDENTITY, "AWS_SECRET_ACCESS_KEY", CREDENTIAL);
    }

    /** Every key in the bucket now (read from the backend's folder). */
    public List<String> keys() throws IOException {
        Path root = data.resolve(bucket);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(f -> root.relativize(f).toString()).sorted().toList();
        }
    }

    /** Where the backend keeps the object under {@code key}. */
    public Path file(String key) {
        return data.resolve(bucket).resolve(key);
    }

    /** Freezes the process (SIGSTOP): a store that accepts connections and never answers. */
    public void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Thaws a frozen process (SIGCONT). */
    public void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        int code = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
        if (code != 0) throw new IOException("kill -" + name + " " + process.pid() + " exited " + code);
    }

    @Override
    public void close() {
        try {
            signal("CONT");
        } catch (IOException | InterruptedException e) {
            // it may have exited already
        }
        ChildProcesses.stop(process);
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway
        }
    }
}
