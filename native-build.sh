#!/usr/bin/env bash
# Builds every Hookgate deployable as a GraalVM native executable, runs their native integration tests (*IT)
# against the devstack, and collects what infra/ deploys:
#   target/native/ingest.zip, admin.zip, delivery.zip   Lambda zips (`bootstrap`, runtime provided.al2023)
#   target/native/realtime/application + Dockerfile     the realtime service's container build context
#
# Usage: ./native-build.sh [--skip-its] [--container] [module ...]   modules: ingest admin delivery realtime (default: all)
# Needs GRAALVM_HOME: GraalVM or Mandrel for JDK 25 (docs/deploy.md; docs/native.md for this repo's stand-in), or,
# with --container, Docker: the build then runs in the Mandrel UBI 9 builder image, so the executables link against
# glibc 2.34 like Lambda's provided.al2023 (a host build links against the host's, which may be newer). CI and deploys
# use --container; bin/smoke-native then runs each artifact in AWS's own images.
set -euo pipefail
cd "$(dirname "$0")"

run_its=true
container=false
modules=()
for arg in "$@"; do
  case "$arg" in
    --skip-its) run_its=false ;;
    --container) container=true ;;
    ingest|admin|delivery|realtime) modules+=("$arg") ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "native-build.sh: unknown argument '$arg' (try --help)" >&2; exit 64 ;;
  esac
done
[ ${#modules[@]} -gt 0 ] || modules=(ingest admin delivery realtime)

# The builder image of the container build: Mandrel for JDK 25 on UBI 9 (glibc 2.34, as provided.al2023).
BUILDER_IMAGE=quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-25
if [ "$container" = true ]; then
  command -v docker >/dev/null || { echo "native-build.sh: --container needs Docker" >&2; exit 2; }
  source bin/java-home.sh
  container_args=(-Dquarkus.native.container-build=true -Dquarkus.native.builder-image="$BUILDER_IMAGE")
elif [ -z "${GRAALVM_HOME:-}" ] || [ ! -x "${GRAALVM_HOME}/bin/native-image" ]; then
  cat >&2 <<'MSG'
native-build.sh: GRAALVM_HOME must point at GraalVM or Mandrel for JDK 25 (with bin/native-image).
  Mandrel:  https://github.com/graalvm/mandrel/releases  (mandrel-java25-linux-amd64-25.0.x), then
            export GRAALVM_HOME=/path/to/mandrel-java25-25.0.x
  GraalVM:  sdk install java 25-graal   (SDKMAN), then export GRAALVM_HOME="$HOME/.sdkman/candidates/java/25-graal"
  On GitHub Actions, graalvm/setup-graalvm@v1 with distribution: mandrel and java-version: 25 sets it.
MSG
  exit 2
fi
if [ "$container" = false ]; then
  export JAVA_HOME="${GRAALVM_HOME}"
  "${GRAALVM_HOME}/bin/native-image" --version | head -1
  container_args=()
fi

pl=""
for m in "${modules[@]}"; do pl="${pl:+$pl,}src/$m"; done
goal=verify
extra=(-Dsurefire.skip=true)
if [ "$run_its" = false ]; then goal=package; extra=(-DskipTests); fi

started=$(date +%s)
# -am builds core and devstack first; the JVM unit tests are the README's command, not repeated here.
./mvnw -B "$goal" -Dnative -pl "$pl" -am "${extra[@]}" "${container_args[@]}"
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
