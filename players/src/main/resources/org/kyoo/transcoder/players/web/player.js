// What the Java side (WebPlayer) reads and drives, whichever player the page runs: the page sets
// player.impl, its adapter (start, levels, currentLevel, chooseLevel, audioTracks, audioTrack,
// chooseAudioTrack, audioTrackUrls, subtitleTracks, chooseSubtitleTrack), and reports fragments
// and errors here. Times are performance.now() milliseconds.
window.player = {
  impl: null,
  errors: [],
  fatal: null,
  audioSwitched: -1,
  loadAt: 0,
  firstFrameAt: 0,
  seekAt: 0,
  seekTarget: 0,
  seekPlayingAt: 0,
  firstFragmentAt: 0,
  seekFragmentAt: 0,
  framesShown: 0,
  // pictures shown at or after the seek target since the last seek (what a viewer sees move)
  framesSinceSeek: 0,
  // every main video fragment the player received: [start s, duration s, performance.now()]
  fragments: [],

  video() {
    return document.getElementById('video');
  },

  start(src, headerClientId, forcedHeight) {
    const video = this.video();
    video.muted = true;
    this.watchFrames(video);
    video.addEventListener('playing', () => { if (!this.firstFrameAt && !this.hasVideo()) this.firstFrameAt = performance.now(); });
    this.loadAt = performance.now();
    this.impl.start(video, src, headerClientId, forcedHeight);
  },

  // the adapter's word that a video fragment (or an audio-only file's) arrived
  fragmentLoaded(start, duration) {
    const now = performance.now();
    this.fragments.push([start, duration, now]);
    if (!this.firstFragmentAt) this.firstFragmentAt = now;
    if (this.seekAt && !this.seekFragmentAt && start + duration > this.seekTarget && start <= this.seekTarget + 0.1) {
      this.seekFragmentAt = now;
    }
  },

  // set before start to keep the player's own log lines, each with the time since load (ms)
  logging: false,
  logs: [],
  log(line) {
    this.logs.push(Math.round(performance.now() - this.loadAt) + ' ' + line);
  },

  error(text, fatal) {
    // where playback was, and when (ms since load): what a trace of the session lines up against
    const at = ' @' + this.video().currentTime.toFixed(3) + 's +' + Math.round(performance.now() - this.loadAt) + 'ms';
    this.errors.push(text + (fatal ? ' (fatal)' : '') + at);
    if (fatal && !this.fatal) this.fatal = text;
  },

  hasVideo() {
    return this.video().videoWidth > 0;
  },

  // the first frame shown, and the frames shown at the seek target after a seek
  watchFrames(video) {
    if (!video.requestVideoFrameCallback) return;
    const onFrame = (now, frame) => {
      this.framesShown++;
      if (!this.firstFrameAt) this.firstFrameAt = now;
      if (this.seekAt && !video.seeking && frame.mediaTime >= this.seekTarget - 0.1) {
        this.framesSinceSeek++;
        // a frame's presentation time may precede the seek call by a hair: never before it
        if (!this.seekPlayingAt) this.seekPlayingAt = Math.max(now, this.seekAt);
      }
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  },

  seek(seconds) {
    const video = this.video();
    this.seekTarget = seconds;
    this.seekPlayingAt = 0;
    this.seekFragmentAt = 0;
    this.framesSinceSeek = 0;
    this.seekAt = performance.now();
    video.currentTime = seconds;
    // a viewer seeking in a film that ended wants it to play from there
    if (video.paused) video.play().catch((e) => this.error('play: ' + e, false));
    if (!video.requestVideoFrameCallback || !this.hasVideo()) {
      // no pictures to watch (an audio-only file): playing again at the new position is what shows
      const t = this.seekAt;
      const onPlaying = () => {
        if (this.seekAt === t && !this.seekPlayingAt && video.currentTime >= seconds - 0.1) this.seekPlayingAt = performance.now();
      };
      video.addEventListener('playing', onPlaying, { once: true });
      video.addEventListener('seeked', () => { if (!video.paused) onPlaying(); }, { once: true });
      video.addEventListener('timeupdate', onPlaying);
    }
  },

  chooseLevel(index) { this.impl.chooseLevel(index); },
  chooseAudioTrack(index) { this.impl.chooseAudioTrack(index); },
  audioTrackUrls() { return this.impl.audioTrackUrls(); },
  subtitleTracks() { return this.impl.subtitleTracks(); },
  chooseSubtitleTrack(index) { this.impl.chooseSubtitleTrack(index); },

  state() {
    const video = this.video();
    const impl = this.impl;
    return {
      currentTime: video.currentTime,
      duration: video.duration,
      ended: video.ended,
      paused: video.paused,
      seeking: video.seeking,
      videoWidth: video.videoWidth,
      videoHeight: video.videoHeight,
      currentLevel: impl.currentLevel(),
      levels: impl.levels(),
      audioTrack: impl.audioTrack(),
      audioTracks: impl.audioTracks(),
      audioSwitched: this.audioSwitched,
      fatal: this.fatal,
      errors: this.errors.slice(),
      firstFrameMs: this.firstFrameAt ? this.firstFrameAt - this.loadAt : -1,
      seekPlayingMs: this.seekPlayingAt ? this.seekPlayingAt - this.seekAt : -1,
      firstFragmentMs: this.firstFragmentAt ? this.firstFragmentAt - this.loadAt : -1,
      seekFragmentMs: this.seekFragmentAt ? this.seekFragmentAt - this.seekAt : -1,
      framesShown: this.framesShown,
      framesSinceSeek: this.framesSinceSeek,
    };
  },
};
