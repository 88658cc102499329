package org.kyoo.transcoder.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The server as an operator starts it: a JVM of its own in a bare working directory. */
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MainTest {
    private static final Pattern LISTENING = Pattern.compile("Listening on http://0\\.0\\.0\\.0:(\\d+)");

    @TempDir
    Path dir;

    private Process launch(Map<String, String> env) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .directory(dir.toFile())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("GOCODER_") || name.startsWith("GOTRANSCODER_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    @Test
    void anUnknownHardwareProfileStopsStartUpNamingTheValidOnes() throws Exception {
        Process process = launch(Map.of("GOCODER_HWACCEL", "amd"));
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, process.exitValue(), output);
        assertTrue(output.contains("amd") && output.contains("vaapi") && output.contains("nvidia"), output);
    }

    @Test
    void aHardwareDeviceThatDoesNotOpenStopsStartUp() throws Exception {
        Process process = launch(Map.of("GOCODER_HWACCEL", "vaapi", "GOCODER_VAAPI_RENDERER", "/nonexistent/renderD128"));
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, process.exitValue(), output);
        assertTrue(output.contains("Cannot start") && output.contains("/nonexistent/renderD128"), output);
    }

    @Test
    void withNothingSetItStartsInTheWorkingDirectoryAndServes() throws Exception {
        Process process = launch(Map.of("GOCODER_PORT", "0"));
        try (BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            int port = -1;
            while (port < 0) {
                String line = log.readLine();
                if (line == null) break;
                Matcher m = LISTENING.matcher(line);
                if (m.find()) port = Integer.parseInt(m.group(1));
            }
            assertTrue(port > 0, "the server logs where it listens");
            for (String folder : List.of("video", "cache", "metadata")) {
                assertTrue(Files.isDirectory(dir.resolve(folder)), folder + " created");
            }
            Path file = Files.writeString(dir.resolve("video").resolve("hello.txt"), "hello");
            var response = new Http(port).get(Http.file(file.toRealPath()) + "/direct", null);
            assertEquals(200, response.statusCode());
            assertEquals("hello", response.body());
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
        }
    }
}
