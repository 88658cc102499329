package org.kyoo.transcoder.engine.extract;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_ATTACHMENT;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_SUBTITLE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.av.AvException;
import org.kyoo.transcoder.engine.media.MediaInput;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.media.SidecarSubtitles;
import org.kyoo.transcoder.engine.storage.Store;
import org.kyoo.transcoder.engine.storage.StoreKeys;

/**
 * One pass over a file: every subtitle track with a known extension remuxed to
 * {@link StoreKeys#subtitle} {@code {index}.{ext}}, every sidecar subtitle file copied there too,
 * every attachment written to {@link StoreKeys#attachment}. Muxers write to the store's scratch
 * files, committed only once complete, so a crash leaves no truncated subtitle behind.
 */
final class ExtractionRun {
    private static final System.Logger LOG = System.getLogger(ExtractionRun.class.getName());

    private final Path file;
    private final MediaInfo info;
    private final Store metadata;
    private final String sha;
    /** Names this run's scratch files: another run of the same version (another process) writes its own. */
    private final String writer = "extract-" + Long.toHexString(ThreadLocalRandom.current().nextLong());

    ExtractionRun(Path file, MediaInfo info, Store metadata, String sha) {
        this.file = file;
        this.info = info;
        this.metadata = metadata;
        this.sha = sha;
    }

    /** libavformat muxer that writes a subtitle file of this extension (SPEC's extension table). */
    static Optional<String> muxerFor(String extension) {
        if (extension == null) return Optional.empty();
        return switch (extension) {
            case "srt" -> Optional.of("srt");
            case "ass" -> Optional.of("ass");
            case "vtt" -> Optional.of("webvtt");
            // PGS as the .sup files Blu-ray tools read; DVD VobSub has no muxer of its own in libavformat
            // (no .idx/.sub), so it stays in a Matroska subtitle file, palette and all.
            case "sup" -> Optional.of("sup");
            case "mks" -> Optional.of("matroska");
            default -> Optional.empty();
        };
    }

    /** A subtitle track being copied: written to {@code partial}, committed as {@code key} once complete. */
    private record Track(int subtitleIndex, SubtitleOutput output, Path partial, String key) {}

    /**
     * Copies everything. A track libav refuses to remux is left out (and logged) rather than
     * costing the others; only a file that cannot be opened, or a store that cannot be written,
     * fail the run.
     */
    void run() {
        Av.load();
        Map<Integer, Track> tracks = new HashMap<>();
        try (MediaInput input = MediaInput.open(file)) {
            AVFormatContext context = input.context();
            int subtitleIndex = 0;
            for (int i = 0; i < context.nb_streams(); i++) {
                AVStream stream = context.streams(i);
                int type = stream.codecpar().codec_type();
                if (type == AVMEDIA_TYPE_ATTACHMENT) writeAttachment(stream);
                if (type == AVMEDIA_TYPE_SUBTITLE) openTrack(subtitleIndex++, stream).ifPresent(t -> tracks.put(stream.index(), t));
                // What is not copied is never decoded either: let the demuxer skip its payloads.
                if (!tracks.containsKey(i)) stream.discard(AVDISCARD_ALL);
            }
            if (!tracks.isEmpty()) copySubtitlePackets(context, tracks);
            copySidecars();
            for (Track track : tracks.values()) {
                try {
                    track.output().finish();
                    commit(track.key(), track.partial());
                } catch (AvException e) {
                    drop(track, e);
                }
            }
        } finally {
            for (Track track : tracks.values()) {
                track.output().close();
                deleteQuietly(track.partial());
            }
        }
    }

    private Optional<Track> openTrack(int subtitleIndex, AVStream stream) {
        Optional<String> extension = info.subtitles().stream()
                .filter(s -> s.index() == subtitleIndex && s.extension() != null)
                .map(MediaInfo.Subtitle::extension)
                .findFirst();
        Optional<String> muxer = extension.flatMap(ExtractionRun::muxerFor);
        if (muxer.isEmpty()) return Optional.empty();
        String key = StoreKeys.subtitle(sha, subtitleIndex + "." + extension.get());
        Path partial = scratch(key);
        try {
            return Optional.of(new Track(subtitleIndex, new SubtitleOutput(muxer.get(), partial, stream), partial, key));
        } catch (AvException e) {
            LOG.log(System.Logger.Level.WARNING, "Subtitle {0} of {1} cannot be copied: {2}", subtitleIndex, file, e.getMessage());
            deleteQuietly(partial);
            return Optional.empty();
        }
    }

    /**
     * Reads the file once, handing each subtitle packet to its track. A read error ends the copy
     * as the end of file would: the cues before it are still worth serving (a truncated file).
     */
    private void copySubtitlePackets(AVFormatContext context, Map<Integer, Track> tracks) {
        AVPacket packet = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
        try {
            while (!tracks.isEmpty()) {
                int rc = av_read_frame(context, packet);
                if (rc < 0) {
                    if (rc != AVERROR_EOF) {
                        LOG.log(System.Logger.Level.WARNING, "Reading {0} stopped early: {1}", file, Av.errorText(rc));
                    }
                    return;
                }
                Track track = tracks.get(packet.stream_index());
                if (track != null) {
                    try {
                        track.output().write(packet);
                    } catch (AvException e) {
                        tracks.remove(packet.stream_index());
                        drop(track, e);
                    }
                }
                av_packet_unref(packet);
            }
        } finally {
            av_packet_free(packet);
        }
    }

    /**
     * Sidecar files are served from the same folder as extracted tracks, under their info index, so
     * the subtitle route and conversion see one kind of file. The info lists them in the order
     * {@link SidecarSubtitles#of} finds them; the sha covers their names, so the two agree.
     */
    private void copySidecars() {
        List<MediaInfo.Subtitle> external = info.subtitles().stream().filter(MediaInfo.Subtitle::isExternal).toList();
        if (external.isEmpty()) return;
        List<SidecarSubtitles.Sidecar> sidecars = SidecarSubtitles.of(file);
        for (int i = 0; i < external.size() && i < sidecars.size(); i++) {
            MediaInfo.Subtitle subtitle = external.get(i);
            SidecarSubtitles.Sidecar sidecar = sidecars.get(i);
            if (!sidecar.extension().equals(subtitle.extension())) {
                LOG.log(System.Logger.Level.WARNING, "Sidecars of {0} changed since its info was read", file);
                return;
            }
            String key = StoreKeys.subtitle(sha, subtitle.index() + "." + subtitle.extension());
            Path partial = scratch(key);
            try {
                Files.copy(sidecar.file(), partial, StandardCopyOption.REPLACE_EXISTING);
                commit(key, partial);
            } catch (IOException | UncheckedIOException e) {
                deleteQuietly(partial);
                LOG.log(System.Logger.Level.WARNING, "Sidecar {0} cannot be copied: {1}", sidecar.file(), e.getMessage());
            }
        }
    }

    private void drop(Track track, AvException e) {
        LOG.log(System.Logger.Level.WARNING, "Subtitle {0} of {1} cannot be copied: {2}",
                track.subtitleIndex(), file, e.getMessage());
        track.output().close();
        deleteQuietly(track.partial());
    }

    private void writeAttachment(AVStream stream) {
        AVDictionaryEntry tag = av_dict_get(stream.metadata(), "filename", null, 0);
        String claimed = tag == null ? null : tag.value().getString(StandardCharsets.UTF_8);
        Optional<String> name = SafeFileName.fromAttachment(claimed);
        if (name.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "Skipping attachment with unusable name {0} in {1}", claimed, file);
            return;
        }
        AVCodecParameters parameters = stream.codecpar();
        byte[] data = new byte[Math.max(0, parameters.extradata_size())];
        if (data.length > 0) parameters.extradata().get(data);
        String key = StoreKeys.attachment(sha, name.get());
        try {
            metadata.write(key, data);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + key + " in " + metadata.describe(), e);
        }
    }

    /** A local file for a muxer to fill; a store that cannot give one fails the run. */
    private Path scratch(String key) {
        try {
            return metadata.scratch(key, writer);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + key + " in " + metadata.describe(), e);
        }
    }

    private void commit(String key, Path partial) {
        try {
            metadata.commit(key, partial);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot commit " + key + " in " + metadata.describe(), e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // A leftover scratch file is never served under its final name.
        }
    }
}
