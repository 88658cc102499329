#!/usr/bin/env bash
# Fills .device/ (ignored by git) with what the GPU check needs on a bare machine that has no Java
# and no network: a jlink'd JRE 17, the server's classes and FFmpeg natives, the check's classes,
# all in one xz archive (the natives and libjvm shrink to about half of what the jars hold), and
# check.sh beside it. Run in the repository root after: mvn -B -ntp -DskipTests package
set -euo pipefail

ROOT=$(pwd)
SERVER_JAR=server/target/transcoder.jar
TEST_JAR=$(ls engine/target/engine-*-tests.jar 2>/dev/null | head -1 || true)
CHECK_CLASSES=benchmarks/target/classes/org/kyoo/transcoder/benchmarks/device
for f in "$SERVER_JAR" "$TEST_JAR" "$CHECK_CLASSES/HardwareCheck.class"; do
  [ -n "$f" ] && [ -e "$f" ] || { echo "missing $f: run mvn -B -ntp -DskipTests package first" >&2; exit 1; }
done

STAGE=$(mktemp -d /tmp/device-bundle.XXXXXX)
trap 'rm -rf "$STAGE"' EXIT

# The modules the server and the check use (jdeps --print-module-deps, less java.desktop: only
# the test media's cover picture needs it, which the check does not make; check.sh runs the media
# step without bytecode verification so that the unused reference is never resolved).
jlink --add-modules java.base,java.logging,java.naming,java.net.http,java.sql,java.management,jdk.management,jdk.unsupported,java.security.jgss,java.security.sasl,jdk.crypto.ec \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$STAGE/jre"
# Debian's libjvm keeps its symbol table; the JVM does not need it to run.
strip --strip-unneeded "$STAGE/jre/lib/server/libjvm.so" 2>/dev/null || true

# One class folder instead of jars: xz compresses the raw natives far better than the jar's deflate.
mkdir -p "$STAGE/app"
(cd "$STAGE/app" && unzip -q "$ROOT/$SERVER_JAR")
# What the check does not need: the ffmpeg/ffprobe executables and libavdevice (the engine never
# loads them), GraalVM native-image configuration. (JavaCPP's tools stay: the presets implement
# its InfoMapper.)
rm -f "$STAGE"/app/org/bytedeco/ffmpeg/linux-x86_64-gpl/{ffmpeg,ffprobe,libavdevice.so.*,libjniavdevice.so}
rm -rf "$STAGE/app/META-INF/native-image"
# The test media generator (engine test-jar) and the check itself.
(cd "$STAGE/app" && unzip -q -o "$ROOT/$TEST_JAR" 'org/kyoo/transcoder/engine/testmedia/*')
mkdir -p "$STAGE/app/org/kyoo/transcoder/benchmarks/device"
cp "$CHECK_CLASSES"/*.class "$STAGE/app/org/kyoo/transcoder/benchmarks/device/"

rm -rf .device/bundle.tar.xz .device/check.sh
mkdir -p .device
tar -C "$STAGE" -cf - jre app | xz -9 -T0 > .device/bundle.tar.xz
cp scripts/device/check.sh .device/check.sh
chmod +x .device/check.sh
echo "$(git rev-parse HEAD 2>/dev/null || echo unknown) $(date -u +%FT%TZ)" > .device/VERSION

echo "unpacked: $(du -sh "$STAGE" | cut -f1)"
echo ".device/: $(du -sh .device | cut -f1) ($(du -sb .device | cut -f1) bytes)"
