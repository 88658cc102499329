package org.kyoo.transcoder.server.cli;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.kyoo.transcoder.engine.EngineSettings;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.keyframes.KeyframeIndex;
import org.kyoo.transcoder.engine.keyframes.KeyframeStore;
import org.kyoo.transcoder.engine.media.FileIdentity;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.media.MediaInfoJson;
import org.kyoo.transcoder.engine.probing.MediaInfoStore;
import org.kyoo.transcoder.engine.storage.LocalStore;
import org.kyoo.transcoder.server.playlists.LinkQuery;
import org.kyoo.transcoder.server.playlists.MetadataLinks;

/**
 * The jar's subcommands for operators: {@code info FILE} prints the media info JSON,
 * {@code keyframes FILE} prints keyframe times one per line.
 */
public final class OperatorCommands {
    private static final String USAGE = "usage: java -jar transcoder.jar (info | keyframes) FILE";

    private OperatorCommands() {}

    /** True when {@code args} name a subcommand this class answers. */
    public static boolean handles(String[] args) {
        return args.length > 0 && (args[0].equals("info") || args[0].equals("keyframes"));
    }

    /**
     * Runs the subcommand with default settings: the file is probed afresh, its info.json and
     * keyframes.json go to a temporary folder removed afterwards. Returns the process exit code
     * (non-zero with a one-line reason on {@code err}).
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path metadata;
        try {
            metadata = Files.createTempDirectory("transcoder-metadata");
        } catch (IOException e) {
            err.println((args.length > 0 ? args[0] : "transcoder") + ": cannot create a temporary folder: " + e.getMessage());
            return 1;
        }
        try {
            EngineSettings settings = new EngineSettings(metadata.resolveSibling(metadata.getFileName() + "-cache"),
                    metadata, "fast", null, null);
            return run(args, out, err, settings);
        } finally {
            deleteTree(metadata);
        }
    }

    /** Runs the subcommand with the server's settings (its metadata cache is used and filled). */
    public static int run(String[] args, PrintStream out, PrintStream err, EngineSettings settings) {
        if (!handles(args) || args.length != 2) {
            err.println(USAGE);
            return 2;
        }
        String command = args[0];
        try {
            Path path = Path.of(args[1]).toAbsolutePath().normalize();
            Av.load();
            // Operators read one line of reason from us; libav's own log lines would only repeat it.
            av_log_set_level(AV_LOG_QUIET);
            String sha = FileIdentity.sha(path);
            LocalStore metadata = new LocalStore(settings.metadataRoot());
            MediaInfo info = new MediaInfoStore(metadata).get(path, sha);
            if (command.equals("info")) {
                out.println(MediaInfoJson.writePretty(new MetadataLinks("").on(info, LinkQuery.NONE)));
            } else {
                try (KeyframeStore keyframes = new KeyframeStore(metadata)) {
                    KeyframeIndex index = keyframes.get(path, sha, info).completion().join();
                    StringBuilder lines = new StringBuilder();
                    for (double time : index.toArray()) lines.append(String.format(Locale.ROOT, "%.6f%n", time));
                    out.print(lines);
                }
            }
            out.flush();
            return 0;
        } catch (InvalidPathException e) {
            err.println(oneLine(command + ": invalid path: " + e.getMessage()));
        } catch (MediaException e) {
            err.println(oneLine(command + ": " + e.getMessage()));
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            err.println(oneLine(command + ": " + cause.getMessage()));
        } catch (RuntimeException e) {
            err.println(oneLine(command + ": unexpected error: " + e));
        }
        return 1;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ");
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
