package org.kyoo.transcoder.engine.thumbnails;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.codecs.VideoFilter;
import org.kyoo.transcoder.engine.hdr.SourceColours;
import org.kyoo.transcoder.engine.hdr.ToneMap;
import org.kyoo.transcoder.engine.hdr.ToneMapping;

/**
 * A grabber's pictures as a seek bar shows them: an HDR picture scaled to the tile's size and
 * tone-mapped to SDR BT.709 (as the transcodes are), an SDR one as it is. The tile is made small
 * first, so the tone mapping's float work is a tile's.
 */
final class SdrPictures implements AutoCloseable {
    private final FrameGrabber grabber;
    private final ToneMapping mapping;
    private final int width;
    private final int height;
    private final AVFrame mapped = Av.checkAlloc(av_frame_alloc(), "av_frame_alloc");
    private VideoFilter filter;
    /** Whether the first picture said the stream is SDR: then nothing is filtered. */
    private boolean sdr;

    SdrPictures(FrameGrabber grabber, ToneMapping mapping, int width, int height) {
        this.grabber = grabber;
        this.mapping = mapping;
        this.width = width;
        this.height = height;
    }

    /**
     * {@code picture} itself when the stream is SDR, else its tone-mapped tile (owned by this
     * object, valid until the next call). The picture's references move into the filter.
     */
    AVFrame of(AVFrame picture) {
        if (sdr) return picture;
        if (filter == null) {
            SourceColours colours = grabber.colours(picture);
            ToneMap toSdr = ToneMap.of(colours, mapping);
            if (toSdr == null) {
                sdr = true;
                return picture;
            }
            // 4:4:4: a tile of a scope film is odd-sized (345x144 from 1920x800), which zimg refuses in 4:2:0
            filter = new VideoFilter(picture, grabber.timeBase(), toSdr.software(width, height, "yuv444p"), graph -> { });
        }
        av_frame_unref(mapped);
        filter.push(picture);
        // one picture in, one out: zscale and tonemap hold nothing back
        return filter.pull(mapped) ? mapped : null;
    }

    @Override
    public void close() {
        if (filter != null) filter.close();
        av_frame_free(mapped);
    }
}
