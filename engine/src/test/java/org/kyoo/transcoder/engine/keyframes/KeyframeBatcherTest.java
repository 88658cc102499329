package org.kyoo.transcoder.engine.keyframes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyframeBatcherTest {
    @Test
    void batchesStartAtAHundredAndGrowToAThousand() {
        KeyframeIndex index = new KeyframeIndex();
        List<Integer> lengths = new ArrayList<>();
        index.addListener(i -> lengths.add(i.length()));
        KeyframeBatcher batcher = new KeyframeBatcher(index);
        for (int i = 0; i < 4000; i++) batcher.add(i * 2.0);
        batcher.publish();
        assertEquals(List.of(100, 300, 700, 1500, 2500, 3500, 4000), lengths);
        assertEquals(4000, index.length());
    }

    @Test
    void theFirstBatchIsUsableBeforeTheScanEnds() {
        KeyframeIndex index = new KeyframeIndex();
        KeyframeBatcher batcher = new KeyframeBatcher(index);
        for (int i = 0; i < 99; i++) batcher.add(i);
        assertFalse(index.firstBatch().isDone());
        batcher.add(99);
        assertTrue(index.firstBatch().isDone());
        assertEquals(100, index.firstBatch().join().length());
        assertFalse(index.isDone());
    }

    @Test
    void timesThatDoNotIncreaseAreDropped() {
        KeyframeIndex index = new KeyframeIndex();
        KeyframeBatcher batcher = new KeyframeBatcher(index);
        for (double t : new double[] {0, 2, 2, 1.5, 4, Double.NaN, 6}) batcher.add(t);
        batcher.publish();
        assertArrayEquals(new double[] {0, 2, 4, 6}, index.toArray());
        assertEquals(4, batcher.count());
    }

    @Test
    void dummyKeyframesCoverTheDurationEveryTwoSeconds() {
        assertArrayEquals(new double[] {0, 2, 4, 6, 8, 10, 12}, KeyframeStore.dummyKeyframes(13));
        assertArrayEquals(new double[] {0}, KeyframeStore.dummyKeyframes(2), "no empty segment at the end");
        assertArrayEquals(new double[] {0, 2}, KeyframeStore.dummyKeyframes(2.5));
        assertArrayEquals(new double[] {0}, KeyframeStore.dummyKeyframes(0));
    }
}
