package org.kyoo.transcoder.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/**
 * Why a measurement has no figure. JMH runs each benchmark in its own JVM and only logs a failure;
 * this keeps the first line of the cause in a folder the runner reads back for its table.
 */
public final class Failures {
    private Failures() {}

    /** Runs {@code work}; on failure, records why under {@code key} and rethrows. */
    public static <T> T guard(String key, Callable<T> work) throws Exception {
        try {
            return work.call();
        } catch (Exception | Error e) {
            record(key, e);
            throw e;
        }
    }

    /** A run's key: the benchmark class's simple name, the method, the parameters in order. */
    public static String key(Class<?> benchmark, String method, String... params) {
        return benchmark.getSimpleName() + "." + method + (params.length == 0 ? "" : " " + String.join(" ", params));
    }

    static void record(String key, Throwable e) {
        String dir = System.getProperty("bench.reports");
        if (dir == null) return;
        Throwable cause = e;
        while ((cause instanceof ExecutionException || cause.getCause() != null && cause.getMessage() == null) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String text = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        try {
            Files.createDirectories(Path.of(dir));
            Files.writeString(Path.of(dir, fileName(key)), text, StandardCharsets.UTF_8);
        } catch (IOException ignored) {
            // the JMH log still has the stack trace
        }
    }

    /** Where a benchmark's side files go (the runner's report folder, else a new temporary one). */
    static Path reportsDir() {
        String dir = System.getProperty("bench.reports");
        try {
            return dir != null ? Files.createDirectories(Path.of(dir)) : Files.createTempDirectory("bench-reports-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What was recorded for {@code key}, if anything. */
    public static Optional<String> read(Path dir, String key) {
        Path file = dir.resolve(fileName(key));
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String fileName(String key) {
        return key.replaceAll("[^A-Za-z0-9._=-]", "_") + ".txt";
    }
}
