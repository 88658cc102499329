package org.kyoo.transcoder.engine.av;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AvTest {
    @Test
    void theGplBuildLoadsWithTheEncodersWeNeed() {
        Av.load();
        assertNotNull(avcodec_find_encoder_by_name("libx264"));
        assertNotNull(avcodec_find_encoder_by_name("aac"));
    }

    @Test
    void aNegativeCodeBecomesAnExceptionCarryingLibavsText() {
        Av.load();
        AvException e = assertThrows(AvException.class, () -> Av.check(Av.EAGAIN, "avcodec_send_packet"));
        assertEquals(Av.EAGAIN, e.code());
        assertTrue(e.getMessage().startsWith("avcodec_send_packet: Resource temporarily unavailable"), e.getMessage());
        assertEquals(5, Av.check(5, "ok"));
    }
}
