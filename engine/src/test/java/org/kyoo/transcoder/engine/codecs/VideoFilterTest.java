package org.kyoo.transcoder.engine.codecs;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NV12;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_VAAPI;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P10LE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.hardware.SoftwareProfile;

class VideoFilterTest {
    private static AVFrame picture(int width, int height, int format, long pts) {
        AVFrame f = Av.checkAlloc(av_frame_alloc(), "av_frame_alloc");
        f.format(format).width(width).height(height).pts(pts);
        Av.check(av_frame_get_buffer(f, 0), "av_frame_get_buffer");
        return f;
    }

    /**
     * A recording whose picture changes size and pixel format mid-stream (a channel switching from
     * SD to HD, 8 to 10 bits) keeps coming out at the quality's size and format, every frame at its
     * time: the segments the encoder makes play on through the change.
     */
    @Test
    void softwareFramesChangingSizeAndFormatMidStreamAllComeOutAtTheQualitySize() {
        Av.load();
        SoftwareProfile profile = new SoftwareProfile();
        AVFrame first = picture(320, 240, AV_PIX_FMT_YUV420P, 0);
        AVFrame out = Av.checkAlloc(av_frame_alloc(), "av_frame_alloc");
        List<Long> times = new ArrayList<>();
        try (VideoFilter filter = new VideoFilter(first, av_make_q(1, 25), profile.scaleFilter(320, 240, false), profile::configureFilters)) {
            AVFrame[] input = {first, picture(642, 360, AV_PIX_FMT_YUV444P10LE, 1), picture(2, 2, AV_PIX_FMT_NV12, 2),
                    picture(320, 240, AV_PIX_FMT_YUV420P, 3)};
            for (AVFrame in : input) {
                filter.push(in);
                av_frame_free(in);
                while (filter.pull(out)) {
                    assertEquals(320, out.width());
                    assertEquals(240, out.height());
                    assertEquals(AV_PIX_FMT_YUV420P, out.format());
                    times.add(out.pts());
                    av_frame_unref(out);
                }
            }
            filter.push(null);
            while (filter.pull(out)) {
                times.add(out.pts());
                av_frame_unref(out);
            }
        } finally {
            av_frame_free(out);
        }
        assertEquals(List.of(0L, 1L, 2L, 3L), times);
    }

    @Test
    void aGraphForFramesInMemoryFollowsSizeAndFormatChanges() {
        FrameKind memory = new FrameKind(AV_PIX_FMT_YUV420P, 1920, 1080, 0);
        assertTrue(memory.graphCanFollow(new FrameKind(AV_PIX_FMT_YUV444P10LE, 720, 576, 0), false));
    }

    /** hwmap/scale_vaapi would read such a frame as a surface of the first frames context. */
    @Test
    void aGraphForDeviceFramesFollowsNoChangeOfKindSizeOrFramesContext() {
        FrameKind device = new FrameKind(AV_PIX_FMT_VAAPI, 1920, 1080, 0x1000);
        assertTrue(device.graphCanFollow(new FrameKind(AV_PIX_FMT_VAAPI, 1920, 1080, 0x1000), true));
        assertFalse(device.graphCanFollow(new FrameKind(AV_PIX_FMT_YUV420P, 1920, 1080, 0), true));
        assertFalse(device.graphCanFollow(new FrameKind(AV_PIX_FMT_VAAPI, 1280, 720, 0x1000), true));
        assertFalse(device.graphCanFollow(new FrameKind(AV_PIX_FMT_VAAPI, 1920, 1080, 0x2000), true));
        assertFalse(new FrameKind(AV_PIX_FMT_YUV420P, 1920, 1080, 0).graphCanFollow(device, false));
    }

    /** hwupload's frames context has the first frame's size and format. */
    @Test
    void aGraphUploadingFramesInMemoryFollowsNoChangeOfSizeOrFormat() {
        FrameKind memory = new FrameKind(AV_PIX_FMT_YUV420P, 1920, 1080, 0);
        assertTrue(memory.graphCanFollow(new FrameKind(AV_PIX_FMT_YUV420P, 1920, 1080, 0), true));
        assertFalse(memory.graphCanFollow(new FrameKind(AV_PIX_FMT_YUV420P, 1280, 720, 0), true));
        assertFalse(memory.graphCanFollow(new FrameKind(AV_PIX_FMT_YUV444P10LE, 1920, 1080, 0), true));
    }
}
