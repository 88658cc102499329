package org.kyoo.transcoder.engine.pipelines;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.codecs.Decoder;
import org.kyoo.transcoder.engine.media.MediaInput;

/**
 * A {@link SegmentLoop} that decodes what it reads: every packet goes to the decoder, every frame
 * out of it to {@link #onFrame}, and at the end of the file the decoder is drained before
 * {@link #endOfFrames} completes the last segments.
 */
abstract class DecodingLoop extends SegmentLoop {
    private final AVFrame decoded = Av.checkAlloc(av_frame_alloc(), "av_frame_alloc");
    private Decoder decoder;

    DecodingLoop(MediaInput in, SegmentSink sink) {
        super(in, sink);
    }

    /** Opens the decoder of {@code stream}, configured by {@code configure}; part of {@link #openInput}. */
    final void openDecoder(AVStream stream, Consumer<AVCodecContext> configure) {
        decoder = new Decoder(stream, configure, in.path());
    }

    @Override
    void onPacket(AVPacket packet) {
        decoder.send(packet);
    }

    @Override
    final void afterPacket() {
        drainDecoder();
    }

    @Override
    final void flush() {
        decoder.send(null);
        drainDecoder();
        endOfFrames();
    }

    /** One decoded frame; it is unreferenced once this returns. */
    abstract void onFrame(AVFrame frame);

    /** Every frame is decoded and handed on: flushes what follows the decoder, writes the last segments. */
    abstract void endOfFrames();

    private void drainDecoder() {
        while (!stopped && decoder.receive(decoded)) {
            try {
                onFrame(decoded);
            } finally {
                av_frame_unref(decoded);
            }
        }
    }

    @Override
    public void close() {
        if (decoder != null) decoder.close();
        av_frame_free(decoded);
        super.close();
    }
}
