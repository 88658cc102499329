package org.kyoo.transcoder.server.routes;

import org.kyoo.transcoder.engine.keyframes.KeyframeIndex;
import org.kyoo.transcoder.server.http.Answer;
import org.kyoo.transcoder.server.media.StreamedFile;
import org.kyoo.transcoder.server.playlists.LinkQuery;
import org.kyoo.transcoder.server.playlists.MediaPlaylist;

/** The media playlist of a streamed file as an answer; video and audio share the cuts. */
final class MediaPlaylists {
    private MediaPlaylists() {}

    static Answer of(StreamedFile stream, LinkQuery links) {
        KeyframeIndex index = stream.keyframes();
        // done first: when it says done, the array read after it is the final one
        boolean complete = index.isDone();
        double[] keyframes = index.toArray();
        // keyframes are source timestamps, which may start late (MPEG-TS): the end is as far past the
        // first cut as the file is long
        double end = (keyframes.length > 0 ? keyframes[0] : 0) + stream.info().duration();
        return new Answer.Text(ContentTypes.PLAYLIST, MediaPlaylist.render(keyframes, complete, end, links),
                complete ? Answer.CACHEABLE : Answer.NO_CACHE);
    }
}
