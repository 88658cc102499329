package org.kyoo.transcoder.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kyoo.transcoder.engine.keyframes.KeyframeIndex;
import org.kyoo.transcoder.engine.scheduling.MutableClock;
import org.kyoo.transcoder.engine.scheduling.RecordingStreams;
import org.kyoo.transcoder.server.config.Config;
import org.kyoo.transcoder.server.health.ReadinessCheck;
import org.kyoo.transcoder.server.media.FakeExtraction;
import org.kyoo.transcoder.server.media.FakeMedia;

/** A server over the fake engine with one six-segment movie, configured by environment variables. */
public final class FakeServer implements AutoCloseable {
    public final Config config;
    public final Path movie;
    public final FakeMedia media;
    public final FakeMedia.FakeFile movieStream;
    public final RecordingStreams streams = new RecordingStreams();
    public final TranscoderServer server;
    public final Http http;
    /** The movie's route prefix. */
    public final String m;

    public FakeServer(Path dir, Map<String, String> env) throws IOException {
        this(dir, env, List.of());
    }

    public FakeServer(Path dir, Map<String, String> env, List<ReadinessCheck> checks) throws IOException {
        Map<String, String> all = new HashMap<>(env);
        all.put("GOCODER_PORT", "0");
        config = Config.fromEnvironment(all, dir);
        Path root = Files.createDirectories(config.safeRoot());
        movie = Files.write(root.resolve("movie.mkv"), new byte[1000]);
        media = new FakeMedia(Files.createDirectories(config.cacheRoot()));
        movieStream = media.add(movie, FakeMedia.movieInfo(movie.toRealPath()), KeyframeIndex.complete(new double[] {0, 2, 4, 6, 8, 10}));
        server = TranscoderServer.start(config, new TranscoderServer.Engine(media, streams, () -> {}, checks), new FakeExtraction(config.metadataRoot()));
        http = new Http(server.port());
        m = Http.file(movie);
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
