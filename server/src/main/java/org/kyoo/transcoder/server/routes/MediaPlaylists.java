package org.kyoo.transcoder.server.routes;

import org.kyoo.transcoder.server.http.Answer;
import org.kyoo.transcoder.server.media.StreamedFile;
import org.kyoo.transcoder.server.playlists.LinkQuery;
import org.kyoo.transcoder.server.playlists.MediaPlaylist;

/** The media playlist of a streamed file as an answer; video and audio share the cuts. */
final class MediaPlaylists {
    private MediaPlaylists() {}

    static Answer of(StreamedFile stream, LinkQuery links) {
        PlaylistCuts cuts = PlaylistCuts.of(stream.keyframes(), stream.info().duration());
        return new Answer.Text(ContentTypes.PLAYLIST, MediaPlaylist.render(cuts.keyframes(), cuts.complete(), cuts.end(), links,
                ".ts", stream.chapters()), cuts.cacheControl());
    }
}
