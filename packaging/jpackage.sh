#!/bin/sh
# Builds the installable app with jpackage (JDK 17):
#   packaging/jpackage.sh            -> target/jpackage/homelab-console  (app-image, with an AppCDS archive)
#   packaging/jpackage.sh --deb      -> also target/jpackage/homelab-console_<version>_amd64.deb (needs fakeroot)
# The AppCDS archive is recorded by starting the app once under Xvfb (xvfb-run) until the sandbox's nodes have shown:
# the .deb carries it too, but JDK 17 applies an archive only to the class path it was recorded with, so under /opt
# it is silently ignored. Without xvfb-run the image is built without it. Figures: docs/performance/startup.md.
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

# The runtime is jlinked from the JDK with its default CDS archive, which AppCDS builds on (generating it needs the
# runtime's bin/java, so native commands are not stripped). JavaFX comes as plain jars on the class path (no jmods
# needed). SerialGC, C1 only and a capped heap keep a desktop app that mostly waits small; the app's AppCDS archive
# is used when present and silently ignored otherwise (CDS messages would go to stdout, which belongs to CLI
# results). See docs/performance/startup.md.
JAVA_OPTIONS="$(grep -v '^[[:space:]]*\(#\|$\)' "$ROOT/app/jvm.options" | tr '\n' ' ')"
CDS_OPTIONS="-Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off"
jpackage --type app-image --name "$NAME" --app-version "$VERSION" \
  --input "$OUT/input" --main-jar "$NAME.jar" --main-class dev.homelab.console.Launcher \
  --icon icons/homelab-console-256.png \
  --java-options "$JAVA_OPTIONS $CDS_OPTIONS -XX:SharedArchiveFile=\$APPDIR/$NAME.jsa" \
  --add-modules java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.prefs,java.scripting,java.security.jgss,java.sql,java.xml,jdk.crypto.ec,jdk.jfr,jdk.unsupported,jdk.zipfs,jdk.management \
  --jlink-options "--strip-debug --no-header-files --no-man-pages --generate-cds-archive" \
  --dest "$OUT"
cp icons/homelab-console-256.png "$OUT/$NAME/lib/$NAME.png"

# Records the AppCDS archive of the image at $1: one start of the sandbox under Xvfb that quits 2 s after the nodes
# showed (window, connect screen, sandbox and overview classes), archive written at exit. The launcher's own options
# are swapped for the recording ones meanwhile, so the class path is exactly the launcher's. In JDK 17 an archive
# applies only to the class path (absolute paths, jar sizes and times) it was recorded with.
record_archive() {
  image="$1"
  cfg="$image/lib/app/$NAME.cfg"
  training_home=$(mktemp -d)
  cp "$cfg" "$OUT/cfg.saved"
  sed -i -e "s|-XX:SharedArchiveFile=\$APPDIR/$NAME.jsa|-XX:ArchiveClassesAtExit=$OUT/training.jsa|" \
    -e "/ArchiveClassesAtExit/a java-options=-Dhomelab.home=$training_home" \
    -e "/ArchiveClassesAtExit/a java-options=-Dhomelab.startup.exitAfterNodesMillis=2000" "$cfg"
  HOME="$training_home" timeout 600 xvfb-run -a "$image/bin/$NAME" --sandbox >"$OUT/cds-training.log" 2>&1 || true
  cp "$OUT/cfg.saved" "$cfg"
  rm -rf "$training_home" "$OUT/cfg.saved"
  if [ -f "$OUT/training.jsa" ]; then
    mv "$OUT/training.jsa" "$OUT/$NAME/lib/app/$NAME.jsa"
    ls -la "$OUT/$NAME/lib/app/$NAME.jsa"
  else
    echo "No archive recorded; see $OUT/cds-training.log"
  fi
}

if command -v xvfb-run >/dev/null 2>&1; then
  echo "Recording the AppCDS archive (one start of the sandbox under Xvfb)..."
  record_archive "$OUT/$NAME"
else
  echo "xvfb-run not found: the app image has no AppCDS archive (it still starts, a little slower)."
fi

if $BUILD_DEB; then
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
