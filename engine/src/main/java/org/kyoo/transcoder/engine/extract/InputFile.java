package org.kyoo.transcoder.engine.extract;

import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.kyoo.transcoder.engine.av.AvException;
import org.kyoo.transcoder.engine.media.MediaException;

/** An opened demuxer, closed with the file. */
final class InputFile implements AutoCloseable {
    private final AVFormatContext context;

    private InputFile(AVFormatContext context) {
        this.context = context;
    }

    /** Opens without {@code avformat_find_stream_info}: the container header holds all we copy. */
    static InputFile open(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new MediaException(MediaException.Kind.NOT_FOUND, "File does not exist: " + path);
        }
        AVFormatContext context = new AVFormatContext(null);
        int rc = avformat_open_input(context, path.toString(), (AVInputFormat) null, (AVDictionary) null);
        if (rc < 0) {
            // avformat_open_input frees the context itself on failure.
            throw new MediaException(MediaException.Kind.NOT_MEDIA,
                    "Cannot open " + path + ": " + new AvException("avformat_open_input", rc).getMessage());
        }
        return new InputFile(context);
    }

    AVFormatContext context() {
        return context;
    }

    @Override
    public void close() {
        avformat_close_input(context);
    }
}
