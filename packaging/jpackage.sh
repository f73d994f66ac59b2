#!/bin/sh
# Builds the installable app with jpackage (JDK 17):
#   packaging/jpackage.sh            -> target/jpackage/homelab-console  (app-image, with an AppCDS archive)
#   packaging/jpackage.sh --deb      -> also target/jpackage/homelab-console_<version>_amd64.deb (needs fakeroot)
# The AppCDS archive is recorded by starting the app image once under Xvfb (xvfb-run) until its window has shown;
# without xvfb-run the image is built without it. Start-up figures: docs/performance/startup.md.
set -eu
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT="$ROOT/target/jpackage"
NAME=homelab-console
VERSION=$(sed -n 's:.*<version>\([0-9][0-9.]*\)\(-SNAPSHOT\)\{0,1\}</version>.*:\1:p' pom.xml | head -1)
BUILD_DEB=false
[ "${1:-}" = "--deb" ] && BUILD_DEB=true

mvn -q -B -DskipTests package
rm -rf "$OUT"
mkdir -p "$OUT/input"
cp target/"$NAME"-*.jar "$OUT/input/$NAME.jar"
tr ':' '\n' < target/runtime-classpath.txt | while read -r jar; do
  [ -n "$jar" ] && cp "$jar" "$OUT/input/"
done

# The runtime is jlinked from the JDK; JavaFX comes as plain jars on the class path (no jmods needed).
# SerialGC, C1 only and a capped heap keep a desktop app that mostly waits small; see docs/performance/startup.md.
JAVA_OPTIONS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx256m -Xss512k"
jpackage --type app-image --name "$NAME" --app-version "$VERSION" \
  --input "$OUT/input" --main-jar "$NAME.jar" --main-class dev.homelab.console.Launcher \
  --icon icons/homelab-console-256.png \
  --java-options "$JAVA_OPTIONS -XX:SharedArchiveFile=\$APPDIR/$NAME.jsa -Xshare:auto" \
  --add-modules java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.prefs,java.scripting,java.security.jgss,java.sql,java.xml,jdk.crypto.ec,jdk.jfr,jdk.unsupported,jdk.zipfs,jdk.management \
  --jlink-options "--strip-debug --no-header-files --no-man-pages --strip-native-commands" \
  --dest "$OUT"
cp icons/homelab-console-256.png "$OUT/$NAME/lib/$NAME.png"

if command -v xvfb-run >/dev/null 2>&1; then
  echo "Recording the AppCDS archive (one start of the app under Xvfb)..."
  TRAINING_HOME=$(mktemp -d)
  # The archive is written when the JVM exits; the app exits by itself 4 s after its window has shown. It is
  # recorded under another name because the launcher already names $NAME.jsa as the archive to use.
  JAVA_TOOL_OPTIONS="-XX:ArchiveClassesAtExit=$OUT/training.jsa -Dhomelab.home=$TRAINING_HOME -Dhomelab.startup.exitAfterMillis=4000" \
    HOME="$TRAINING_HOME" xvfb-run -a "$OUT/$NAME/bin/$NAME" >"$OUT/cds-training.log" 2>&1 || true
  rm -rf "$TRAINING_HOME"
  if [ -f "$OUT/training.jsa" ]; then
    mv "$OUT/training.jsa" "$OUT/$NAME/lib/app/$NAME.jsa"
    ls -la "$OUT/$NAME/lib/app/$NAME.jsa"
  else
    echo "No archive recorded; see $OUT/cds-training.log"
  fi
else
  echo "xvfb-run not found: the app image has no AppCDS archive (it still starts, a little slower)."
fi

if $BUILD_DEB; then
  # The archive records the class path of the image it was made in; the installed copy under /opt re-creates
  # nothing by itself, so a mismatching archive is simply ignored there (-Xshare:auto).
  jpackage --type deb --name "$NAME" --app-version "$VERSION" --app-image "$OUT/$NAME" \
    --linux-package-name "$NAME" --linux-deb-maintainer "homelab-console@localhost" \
    --linux-menu-group "Development;System;Monitor;" --linux-shortcut \
    --linux-package-deps "libgtk-3-0, fonts-dejavu-core" \
    --description "Migrates a k3s home lab's monitoring to VictoriaMetrics + Vector, safely and visibly" \
    --resource-dir packaging \
    --dest "$OUT"
  ls -la "$OUT"/*.deb
fi
du -sh "$OUT/$NAME"
