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
import java.util.Map;
import java.util.Optional;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.media.MediaInfo;

/**
 * One pass over a file: every subtitle track with a known extension remuxed to
 * {@code sub/{index}.{ext}}, every attachment written to {@code att/{filename}}. Files appear under
 * their final name only once complete, so a crash leaves no truncated subtitle behind.
 */
final class ExtractionRun {
    private static final System.Logger LOG = System.getLogger(ExtractionRun.class.getName());
    private static final String PARTIAL = ".part";

    private final Path file;
    private final MediaInfo info;
    private final Path subtitleFolder;
    private final Path attachmentFolder;

    ExtractionRun(Path file, MediaInfo info, Path subtitleFolder, Path attachmentFolder) {
        this.file = file;
        this.info = info;
        this.subtitleFolder = subtitleFolder;
        this.attachmentFolder = attachmentFolder;
    }

    /** libavformat muxer that writes a subtitle file of this extension (SPEC's extension table). */
    static Optional<String> muxerFor(String extension) {
        if (extension == null) return Optional.empty();
        return switch (extension) {
            case "srt" -> Optional.of("srt");
            case "ass" -> Optional.of("ass");
            case "vtt" -> Optional.of("webvtt");
            default -> Optional.empty();
        };
    }

    void run() {
        Av.load();
        createFolders();
        Map<Integer, SubtitleOutput> outputs = new HashMap<>();
        Map<Path, Path> partialToFinal = new HashMap<>();
        try (InputFile input = InputFile.open(file)) {
            AVFormatContext context = input.context();
            int subtitleIndex = 0;
            for (int i = 0; i < context.nb_streams(); i++) {
                AVStream stream = context.streams(i);
                int type = stream.codecpar().codec_type();
                boolean copied = false;
                if (type == AVMEDIA_TYPE_ATTACHMENT) writeAttachment(stream);
                if (type == AVMEDIA_TYPE_SUBTITLE) copied = openSubtitle(subtitleIndex++, stream, i, outputs, partialToFinal);
                // What is not copied is never decoded either: let the demuxer skip its payloads.
                if (!copied) stream.discard(AVDISCARD_ALL);
            }
            if (!outputs.isEmpty()) copySubtitlePackets(context, outputs);
            for (SubtitleOutput output : outputs.values()) output.finish();
            for (Map.Entry<Path, Path> e : partialToFinal.entrySet()) moveIntoPlace(e.getKey(), e.getValue());
        } finally {
            outputs.values().forEach(SubtitleOutput::close);
            partialToFinal.keySet().forEach(ExtractionRun::deleteQuietly);
        }
    }

    private boolean openSubtitle(int subtitleIndex, AVStream stream, int streamIndex,
                                 Map<Integer, SubtitleOutput> outputs, Map<Path, Path> partialToFinal) {
        Optional<MediaInfo.Subtitle> wanted = info.subtitles().stream()
                .filter(s -> s.index() == subtitleIndex && s.extension() != null)
                .findFirst();
        if (wanted.isEmpty()) return false;
        String extension = wanted.get().extension();
        Optional<String> muxer = muxerFor(extension);
        if (muxer.isEmpty()) return false;
        Path target = subtitleFolder.resolve(subtitleIndex + "." + extension);
        Path partial = subtitleFolder.resolve(target.getFileName() + PARTIAL);
        partialToFinal.put(partial, target);
        outputs.put(streamIndex, new SubtitleOutput(muxer.get(), partial, stream));
        return true;
    }

    private static void copySubtitlePackets(AVFormatContext context, Map<Integer, SubtitleOutput> outputs) {
        AVPacket packet = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
        try {
            while (true) {
                int rc = av_read_frame(context, packet);
                if (rc == AVERROR_EOF) return;
                Av.check(rc, "av_read_frame");
                SubtitleOutput output = outputs.get(packet.stream_index());
                if (output != null) output.write(packet);
                av_packet_unref(packet);
            }
        } finally {
            av_packet_free(packet);
        }
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
        Path target = attachmentFolder.resolve(name.get());
        Path partial = attachmentFolder.resolve(name.get() + PARTIAL);
        try {
            Files.write(partial, data);
            moveIntoPlace(partial, target);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }

    private void createFolders() {
        try {
            Files.createDirectories(subtitleFolder);
            Files.createDirectories(attachmentFolder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + subtitleFolder.getParent(), e);
        }
    }

    private static void moveIntoPlace(Path partial, Path target) {
        try {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move " + partial + " to " + target, e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // A leftover ".part" file is never served under its final name.
        }
    }
}
