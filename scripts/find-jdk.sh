# shellcheck shell=bash disable=SC2034  # PARLEY_JDK* are read by the scripts that source this file
# Finds a JDK >= 21 for ./parley and .ci/run. Source this file, then call parley_find_jdk.
#
# Order: $JAVA_HOME when it is a JDK >= 21 (honoured even if a newer one exists), otherwise the
# newest JDK >= 21 among the usual install locations and the `java` on PATH. Debian 12's default
# java is 17, so the search matters there: Temurin and other JDKs land in /usr/lib/jvm.
#
# On success sets PARLEY_JDK (the JDK home) and PARLEY_JDK_VERSION (e.g. 25.0.3) and returns 0.
# On failure prints how to install one to stderr and returns 1.
# Messages go to stderr; stdout stays clean for the caller (./parley invite prints a link there).

PARLEY_MIN_JAVA=21

# Prints the full version of the JDK at $1 (e.g. 21.0.5, 1.8.0_392), or nothing if it is not a JDK.
# The `release` file is cheap to read; starting `java -version` is the fallback for JDKs without one.
parley_jdk_version() {
  local home=$1 version=''
  [[ -x $home/bin/java && -x $home/bin/javac ]] || return 0
  if [[ -r $home/release ]]; then
    version=$(sed -n 's/^JAVA_VERSION="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$home/release" | head -n 1)
  fi
  if [[ -z $version ]]; then
    # First line looks like: openjdk version "21.0.5" 2024-10-15  /  java version "1.8.0_392"
    version=$("$home/bin/java" -version 2>&1 | sed -n '1s/^[^"]*"\([^"]*\)".*$/\1/p')
  fi
  printf '%s' "$version"
}

# Prints the feature release of a version string: 1.8.0_392 -> 8, 21.0.5 -> 21, 25-ea -> 25.
parley_java_major() {
  local version=$1
  [[ $version == 1.* ]] && version=${version#1.}
  version=${version%%[!0-9]*}
  printf '%s' "${version:-0}"
}

parley_find_jdk() {
  PARLEY_JDK=''
  PARLEY_JDK_VERSION=''
  local home version

  if [[ -n ${JAVA_HOME:-} ]]; then
    version=$(parley_jdk_version "$JAVA_HOME")
    if [[ -n $version ]] && (( $(parley_java_major "$version") >= PARLEY_MIN_JAVA )); then
      PARLEY_JDK=$JAVA_HOME
      PARLEY_JDK_VERSION=$version
      return 0
    elif [[ -n $version ]]; then
      echo "parley: JAVA_HOME=$JAVA_HOME is Java $version; Parley needs Java $PARLEY_MIN_JAVA or newer. Looking for another JDK." >&2
    else
      echo "parley: JAVA_HOME=$JAVA_HOME is not a JDK (no bin/java and bin/javac). Looking for another JDK." >&2
    fi
  fi

  # One "version<TAB>home" line per distinct JDK (symlinked aliases such as Debian's
  # java-1.17.0-openjdk-amd64 collapse to one), then the highest version wins.
  local -a homes=()
  local candidate java_on_path
  shopt -s nullglob
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
                   "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
                   /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [[ -d $candidate ]] && homes+=("$candidate")
  done
  shopt -u nullglob
  if java_on_path=$(command -v java 2>/dev/null); then
    # /usr/bin/java -> /etc/alternatives/java -> /usr/lib/jvm/X/bin/java: the home is two levels up.
    java_on_path=$(readlink -f "$java_on_path")
    homes+=("${java_on_path%/bin/java}")
  fi

  local best
  best=$(
    for home in "${homes[@]}"; do
      home=$(readlink -f "$home") || continue
      version=$(parley_jdk_version "$home")
      [[ -n $version ]] || continue
      (( $(parley_java_major "$version") >= PARLEY_MIN_JAVA )) || continue
      printf '%s\t%s\n' "$version" "$home"
    done | sort -u | sort -t $'\t' -k1,1Vr | head -n 1
  )
  if [[ -n $best ]]; then
    PARLEY_JDK_VERSION=${best%%$'\t'*}
    PARLEY_JDK=${best#*$'\t'}
    return 0
  fi

  cat >&2 <<MSG
parley: no JDK $PARLEY_MIN_JAVA or newer found.
  Looked at \$JAVA_HOME, /usr/lib/jvm, /usr/java, /opt/java, /opt/jdk*, ~/.sdkman, ~/.jdks and the java on PATH.
  Install one, for example:
    sudo apt-get install openjdk-21-jdk      (Debian 13, Ubuntu 24.04 and newer)
    or a Temurin build from https://adoptium.net/installation/linux/ (Debian 12 has no openjdk-21 package)
  or point JAVA_HOME at an existing JDK: JAVA_HOME=/path/to/jdk-21 ./parley
MSG
  return 1
}
