# Sourced by bin/dev, bin/test, bin/bench and .ci/run: selects a JDK 21 or newer, whatever the default `java` is.
# Looks at JAVA_HOME, then /usr/lib/jvm/* and SDKMAN's candidates (newest first); installs nothing. Without one it
# says what to install and fails.
hookgate_jdk_major() {
  "$1/bin/java" -version 2>&1 | sed -nE '1s/.*version "([0-9]+).*/\1/p'
}
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(hookgate_jdk_major "$JAVA_HOME")" -lt 21 ] 2>/dev/null; then
  HOOKGATE_JDK=""
  for candidate in $(ls -d /usr/lib/jvm/*/ "$HOME"/.sdkman/candidates/java/*/ 2>/dev/null | sort -rV); do
    candidate="${candidate%/}"
    if [ -x "$candidate/bin/java" ] && [ "$(hookgate_jdk_major "$candidate")" -ge 21 ] 2>/dev/null; then
      HOOKGATE_JDK="$candidate"
      break
    fi
  done
  if [ -z "$HOOKGATE_JDK" ]; then
    echo "Hookgate needs a JDK 21 or newer and found none (JAVA_HOME, /usr/lib/jvm, ~/.sdkman): install one, for example Temurin 21 or 25 (https://adoptium.net) or 'sdk install java 21-tem', then run this again." >&2
    return 1 2>/dev/null || exit 1
  fi
  export JAVA_HOME="$HOOKGATE_JDK"
fi
export PATH="$JAVA_HOME/bin:$PATH"
