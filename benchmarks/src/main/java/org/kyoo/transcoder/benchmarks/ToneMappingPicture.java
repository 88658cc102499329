package org.kyoo.transcoder.benchmarks;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_clone;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.kyoo.transcoder.engine.codecs.VideoFilter;
import org.kyoo.transcoder.engine.hdr.SourceColours;
import org.kyoo.transcoder.engine.hdr.ToneMapping;
import org.kyoo.transcoder.engine.testmedia.FirstPicture;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.HdrMedia;
import org.kyoo.transcoder.engine.testmedia.HdrPicture;

/**
 * The before and after of tone mapping, and what each curve makes of the tests' HDR pictures:
 * {@code java -cp benchmarks.jar org.kyoo.transcoder.benchmarks.ToneMappingPicture [png]} prints
 * each curve's PSNR against the SDR picture the HDR10 and HLG fixtures were made from (the software
 * chain alone, no encode) and writes the HDR10 and HLG frames taken for SDR (before) beside their
 * tone-mapped ones (after, the default curve) to {@code png} (default {@code docs/hdr-tone-mapping.png}).
 */
public final class ToneMappingPicture {
    private static final int W = HdrMedia.WIDTH, H = HdrMedia.HEIGHT, LABEL = 28;

    private ToneMappingPicture() {}

    public static void main(String[] args) throws Exception {
        Path png = Path.of(args.length > 0 ? args[0] : "docs/hdr-tone-mapping.png");
        int[] sdr = HdrPicture.rgb(W, H);
        Fixture[] fixtures = {HdrMedia.hdr10(), HdrMedia.hlg()};
        System.out.println("| curve | HDR10 PSNR (dB) | HLG PSNR (dB) |");
        System.out.println("|---|---|---|");
        System.out.printf(Locale.ROOT, "| none (taken for SDR, before) | %.1f | %.1f |%n",
                HdrPicture.psnr(sdr, FirstPicture.takenForSdr(fixtures[0].path(), W, H)),
                HdrPicture.psnr(sdr, FirstPicture.takenForSdr(fixtures[1].path(), W, H)));
        for (String curve : ToneMapping.CURVES) {
            ToneMapping mapping = new ToneMapping(curve);
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f |%n", curve, HdrPicture.psnr(sdr, toneMapped(fixtures[0], mapping)),
                    HdrPicture.psnr(sdr, toneMapped(fixtures[1], mapping)));
        }
        BufferedImage picture = new BufferedImage(2 * W, 2 * (H + LABEL), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        String[] names = {"HDR10 (PQ)", "HLG"};
        for (int row = 0; row < 2; row++) {
            int y = row * (H + LABEL);
            paste(picture, FirstPicture.takenForSdr(fixtures[row].path(), W, H), 0, y + LABEL);
            paste(picture, toneMapped(fixtures[row], ToneMapping.DEFAULT), W, y + LABEL);
            g.setColor(Color.WHITE);
            g.drawString(names[row] + ", before: squeezed into 8-bit SDR as it was", 8, y + 20);
            g.drawString(names[row] + ", after: tone-mapped (" + ToneMapping.DEFAULT.curve() + ") to BT.709", W + 8, y + 20);
        }
        g.dispose();
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(picture, "png", png.toFile());
        System.out.println("wrote " + png);
    }

    /** The fixture's first picture through the software tone-mapping chain, RGB24 as a player shows it. */
    private static int[] toneMapped(Fixture fixture, ToneMapping mapping) {
        return FirstPicture.decode(fixture.path(), (par, decoded) -> {
            AVFrame source = av_frame_clone(decoded);
            AVFrame out = av_frame_alloc();
            String chain = mapping.software(SourceColours.of(par, decoded), W, H, "yuv420p");
            try (VideoFilter filter = new VideoFilter(source, av_make_q(1, 25), chain, graph -> { })) {
                filter.push(source);
                if (!filter.pull(out)) throw new IllegalStateException("no picture out of " + chain);
                return HdrPicture.rgbOf(out);
            } finally {
                av_frame_free(out);
                av_frame_free(source);
            }
        });
    }

    private static void paste(BufferedImage picture, int[] rgb, int x0, int y0) {
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = (y * W + x) * 3;
                picture.setRGB(x0 + x, y0 + y, rgb[i] << 16 | rgb[i + 1] << 8 | rgb[i + 2]);
            }
        }
    }
}
