#!/usr/bin/env bash
# Builds every Hookgate deployable as a GraalVM native executable, runs their native integration tests (*IT)
# against the devstack, and collects what infra/ deploys:
#   target/native/ingest.zip, admin.zip, delivery.zip   Lambda zips (`bootstrap`, runtime provided.al2023)
#   target/native/realtime/application + Dockerfile     the realtime service's container build context
#
# Usage: ./native-build.sh [--skip-its] [module ...]     modules: ingest admin delivery realtime (default: all)
# Needs GRAALVM_HOME: GraalVM or Mandrel for JDK 25 (docs/deploy.md; docs/native.md for this repo's stand-in).
set -euo pipefail
cd "$(dirname "$0")"

run_its=true
modules=()
for arg in "$@"; do
  case "$arg" in
    --skip-its) run_its=false ;;
    ingest|admin|delivery|realtime) modules+=("$arg") ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "native-build.sh: unknown argument '$arg' (try --help)" >&2; exit 64 ;;
  esac
done
[ ${#modules[@]} -gt 0 ] || modules=(ingest admin delivery realtime)

if [ -z "${GRAALVM_HOME:-}" ] || [ ! -x "${GRAALVM_HOME}/bin/native-image" ]; then
  cat >&2 <<'MSG'
native-build.sh: GRAALVM_HOME must point at GraalVM or Mandrel for JDK 25 (with bin/native-image).
  Mandrel:  https://github.com/graalvm/mandrel/releases  (mandrel-java25-linux-amd64-25.0.x), then
            export GRAALVM_HOME=/path/to/mandrel-java25-25.0.x
  GraalVM:  sdk install java 25-graal   (SDKMAN), then export GRAALVM_HOME="$HOME/.sdkman/candidates/java/25-graal"
  On GitHub Actions, graalvm/setup-graalvm@v1 with distribution: mandrel and java-version: 25 sets it.
MSG
  exit 2
fi
export JAVA_HOME="${GRAALVM_HOME}"
"${GRAALVM_HOME}/bin/native-image" --version | head -1

pl=""
for m in "${modules[@]}"; do pl="${pl:+$pl,}src/$m"; done
goal=verify
extra=(-Dsurefire.skip=true)
if [ "$run_its" = false ]; then goal=package; extra=(-DskipTests); fi

started=$(date +%s)
# -am builds core and devstack first; the JVM unit tests are the README's command, not repeated here.
./mvnw -B "$goal" -Dnative -pl "$pl" -am "${extra[@]}"
elapsed=$(( $(date +%s) - started ))

out=target/native
mkdir -p "$out"
echo
echo "Built in ${elapsed}s:"
for m in "${modules[@]}"; do
  binary="src/$m/target/hookgate-$m-0.1.0-SNAPSHOT-runner"
  if [ "$m" = realtime ]; then
    rm -rf "$out/realtime" && mkdir -p "$out/realtime"
    cp "$binary" "$out/realtime/application"
    cp src/realtime/src/main/docker/Dockerfile.native "$out/realtime/Dockerfile"
    printf '  %-10s %8s executable  %s\n' "$m" "$(du -h "$binary" | cut -f1)" "$out/realtime/ (container build context)"
  else
    cp "src/$m/target/function.zip" "$out/$m.zip"
    printf '  %-10s %8s executable  %8s zip  %s\n' "$m" "$(du -h "$binary" | cut -f1)" "$(du -h "$out/$m.zip" | cut -f1)" "$out/$m.zip"
  fi
done
if [ "$run_its" = true ]; then echo "Native integration tests passed."; fi
