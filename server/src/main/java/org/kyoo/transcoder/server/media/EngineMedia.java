package org.kyoo.transcoder.server.media;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.kyoo.transcoder.engine.keyframes.KeyframeIndex;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.probing.MediaInfoStore;
import org.kyoo.transcoder.engine.scheduling.Demand;
import org.kyoo.transcoder.engine.streams.FileStream;
import org.kyoo.transcoder.engine.streams.Rendition;
import org.kyoo.transcoder.engine.streams.Transcoder;
import org.kyoo.transcoder.server.clients.StreamControl;
import org.kyoo.transcoder.server.clients.VideoTrack;

/** The engine seen through the server's two interfaces: what routes read, what the tracker stops. */
public final class EngineMedia implements MediaSource, StreamControl {
    private final MediaInfoStore infos;
    private final Transcoder transcoder;

    public EngineMedia(MediaInfoStore infos, Transcoder transcoder) {
        this.infos = infos;
        this.transcoder = transcoder;
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
            public KeyframeIndex keyframes(int videoTrack) {
                return stream.keyframes(videoTrack);
            }

            @Override
            public CompletableFuture<Path> videoSegment(VideoTrack video, int segment) {
                return stream.videoSegment(video.quality(), segment);
            }

            @Override
            public CompletableFuture<Path> audioSegment(int audio, int segment) {
                return stream.audioSegment(audio, segment);
            }

            @Override
            public CompletableFuture<Path> videoSegment(VideoTrack video, int segment, Demand demand) {
                return stream.videoSegment(video.quality(), segment, demand);
            }

            @Override
            public CompletableFuture<Path> audioSegment(int audio, int segment, Demand demand) {
                return stream.audioSegment(audio, segment, demand);
            }

            @Override
            public CompletableFuture<Path> fmp4Segment(Rendition rendition, int segment, Demand demand) {
                return stream.fmp4Segment(rendition, segment, demand);
            }

            @Override
            public CompletableFuture<Path> fmp4Segment(Rendition rendition, int segment) {
                return stream.fmp4Segment(rendition, segment);
            }

            @Override
            public CompletableFuture<Path> fmp4Init(Rendition rendition) {
                return stream.fmp4Init(rendition);
            }
        };
    }

    @Override
    public java.util.List<org.kyoo.transcoder.engine.streams.RunningHead> runningHeads() {
        return transcoder.runningHeads();
    }

    @Override
    public void killVideo(Path file, VideoTrack video) {
        if (video.fmp4() != null) {
            transcoder.existing(file).ifPresent(stream -> stream.kill(video.fmp4()));
            return;
        }
        transcoder.existing(file).ifPresent(stream -> stream.killVideo(video.quality()));
    }

    @Override
    public void killAudio(Path file, int audio) {
        transcoder.existing(file).ifPresent(stream -> stream.killAudio(audio));
    }

    @Override
    public void killOrphanedHeads(Path file, VideoTrack video, int audio, int[] watched) {
        if (video != null && video.fmp4() != null) {
            transcoder.existing(file).ifPresent(stream -> stream.killOrphanedHeads(video.fmp4(), watched));
            return;
        }
        transcoder.existing(file).ifPresent(stream -> stream.killOrphanedHeads(
                video == null ? null : video.quality(), video != null && video.isOriginal(), audio, watched));
    }

    @Override
    public void killFile(Path file) {
        transcoder.existing(file).ifPresent(FileStream::kill);
    }

    @Override
    public void destroyFile(Path file) {
        transcoder.destroy(file);
    }
}
