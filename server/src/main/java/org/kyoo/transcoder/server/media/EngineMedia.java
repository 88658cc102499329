package org.kyoo.transcoder.server.media;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.kyoo.transcoder.engine.chapters.ChapterIdentification;
import org.kyoo.transcoder.engine.chapters.Episode;
import org.kyoo.transcoder.engine.chapters.RunningIdentification;
import org.kyoo.transcoder.engine.keyframes.KeyframeIndex;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.media.MediaInfo.Chapter;
import org.kyoo.transcoder.engine.probing.MediaInfoStore;
import org.kyoo.transcoder.engine.scheduling.Demand;
import org.kyoo.transcoder.engine.storage.Stored;
import org.kyoo.transcoder.engine.streams.FileStream;
import org.kyoo.transcoder.engine.streams.Rendition;
import org.kyoo.transcoder.engine.streams.RunningHead;
import org.kyoo.transcoder.engine.streams.Transcoder;

/** The engine as the routes read it. */
public final class EngineMedia implements MediaSource {
    private final MediaInfoStore infos;
    private final Transcoder transcoder;
    private final ChapterIdentification chapters;

    public EngineMedia(MediaInfoStore infos, Transcoder transcoder, ChapterIdentification chapters) {
        this.infos = infos;
        this.transcoder = transcoder;
        this.chapters = chapters;
    }

    @Override
    public MediaInfo info(Path file, String sha) {
        return infos.get(file, sha);
    }

    @Override
    public StreamedFile stream(Path file, String sha) {
        FileStream stream = transcoder.fileStream(file, sha);
        return new StreamedFile() {
            @Override
            public MediaInfo info() {
                return stream.info();
            }

            @Override
            public KeyframeIndex keyframes() {
                return stream.keyframes();
            }

            @Override
            public List<Chapter> chapters() {
                return chapters.withIdentified(stream.info()).chapters();
            }

            @Override
            public KeyframeIndex keyframes(int videoTrack) {
                return stream.keyframes(videoTrack);
            }

            @Override
            public CompletableFuture<Stored> segment(Rendition rendition, int segment, Demand demand) {
                return stream.segment(rendition, segment, demand);
            }

            @Override
            public CompletableFuture<Stored> init(Rendition rendition) {
                return stream.init(rendition);
            }
        };
    }

    @Override
    public boolean encodesVideo() {
        return transcoder.encodesVideo();
    }

    @Override
    public List<Path> openFiles() {
        return transcoder.files();
    }

    @Override
    public List<RunningHead> runningHeads() {
        return transcoder.runningHeads();
    }

    @Override
    public MediaInfo described(Path file, String sha) {
        return chapters.withIdentified(info(file, sha));
    }

    @Override
    public void identifyChapters(Episode file, Episode previous, Episode next) {
        chapters.identify(file, previous, next);
    }

    @Override
    public List<RunningIdentification> identifications() {
        return chapters.running();
    }
}
