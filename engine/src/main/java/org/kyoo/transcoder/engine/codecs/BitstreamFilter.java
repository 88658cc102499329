package org.kyoo.transcoder.engine.codecs;

import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_get_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_init;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_bsf_send_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVBSFContext;
import org.bytedeco.ffmpeg.avcodec.AVBitStreamFilter;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.kyoo.transcoder.engine.av.Av;

/**
 * One libavcodec bitstream filter over a copied stream (the ffmpeg CLI's {@code -bsf}), such as
 * {@code aac_adtstoasc}: ADTS-framed AAC, as MPEG-TS carries it, rewritten as the raw frames and
 * AudioSpecificConfig an MP4 sample entry holds.
 */
public final class BitstreamFilter implements AutoCloseable {
    private AVBSFContext context;

    /** {@code name} over a stream of {@code parameters} in {@code timeBase}. */
    public BitstreamFilter(String name, AVCodecParameters parameters, AVRational timeBase) {
        AVBitStreamFilter filter = av_bsf_get_by_name(name);
        if (filter == null) throw new IllegalStateException("No bitstream filter " + name + " in this libavcodec");
        AVBSFContext ctx = new AVBSFContext(null);
        Av.check(av_bsf_alloc(filter, ctx), "av_bsf_alloc " + name);
        context = ctx;
        try {
            Av.check(avcodec_parameters_copy(ctx.par_in(), parameters), "avcodec_parameters_copy");
            ctx.time_base_in(av_make_q(timeBase.num(), timeBase.den()));
            Av.check(av_bsf_init(ctx), "av_bsf_init " + name);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** What the filtered stream is (the muxer's stream parameters). */
    public AVCodecParameters output() {
        return context.par_out();
    }

    /** Filters {@code packet} (taking its contents) and gives each packet out to {@code out}, blank again after it returns. */
    public void filter(AVPacket packet, Consumer<AVPacket> out) {
        Av.check(av_bsf_send_packet(context, packet), "av_bsf_send_packet");
        while (true) {
            int rc = av_bsf_receive_packet(context, packet);
            if (rc == Av.EAGAIN || rc == AVERROR_EOF) return;
            Av.check(rc, "av_bsf_receive_packet");
            out.accept(packet);
        }
    }

    @Override
    public void close() {
        if (context == null) return;
        av_bsf_free(context);
        context = null;
    }
}
