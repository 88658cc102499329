package org.kyoo.transcoder.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.TestMedia;

class OperatorCommandsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return OperatorCommands.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void answersOnlyItsTwoSubcommands() {
        assertTrue(OperatorCommands.handles(new String[] {"info", "x"}));
        assertTrue(OperatorCommands.handles(new String[] {"keyframes"}));
        assertFalse(OperatorCommands.handles(new String[] {}));
        assertFalse(OperatorCommands.handles(new String[] {"serve"}));
    }

    @Test
    void infoPrintsTheMediaInfoJson() throws Exception {
        Fixture mkv = TestMedia.multiTrackMkv();
        assertEquals(0, run("info", mkv.path().toString()), stderr());
        JsonNode json = new ObjectMapper().readTree(stdout());
        assertTrue(json.get("sha").asText().startsWith(org.kyoo.transcoder.engine.media.FileIdentity.VERSION));
        assertEquals(mkv.path().toString(), json.get("path").asText());
        assertEquals(2, json.get("audios").size());
        assertEquals(30.0, json.get("duration").asDouble(), 0.05);
        assertEquals("", stderr());
    }

    @Test
    void keyframesPrintsOneTimePerLine() {
        Fixture mp4 = TestMedia.mp4();
        assertEquals(0, run("keyframes", mp4.path().toString()), stderr());
        String[] lines = stdout().strip().split("\n");
        double[] expected = mp4.spec().video().keyframes();
        assertEquals(expected.length, lines.length, stdout());
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], Double.parseDouble(lines[i]), 0.0011);
    }

    @Test
    void anUnreadableFileExitsNonZeroWithOneLineOfReason() {
        assertEquals(1, run("info", TestMedia.randomBytes().toString()));
        assertEquals("", stdout());
        String reason = stderr().strip();
        assertFalse(reason.contains("\n"), reason);
        assertTrue(reason.startsWith("info: Not a media file"), reason);

        err.reset();
        assertEquals(1, run("keyframes", TestMedia.dir().resolve("missing.mkv").toString()));
        assertTrue(stderr().strip().startsWith("keyframes: File does not exist"), stderr());
    }

    @Test
    void wrongArgumentsPrintTheUsage() {
        assertEquals(2, run("info"));
        assertTrue(stderr().startsWith("usage:"), stderr());
    }
}
