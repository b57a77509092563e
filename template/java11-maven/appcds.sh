#!/usr/bin/env bash
# Builds the function's AppCDS archive inside the image (Dockerfile, ship stage), on the target
# platform's JVM: a CDS archive only works on the JVM build and CPU architecture that wrote it.
# Java 11 has no -XX:ArchiveClassesAtExit (JDK 13+), so it is the classic three steps:
#   1. training run: com.openfaas.entrypoint.Training under -XX:DumpLoadedClassList;
#   2. -Xshare:dump with that class list;
#   3. a check run with -Xshare:on, which fails (and so fails the build) when the archive cannot be used.
# The training code is a jar of its own (template/java11-maven/training), appended to the function's
# class path for steps 1 and 3 only: the archive and fprocess know the function's class path alone
# (CDS takes a run whose class path starts with the archive's), so the image never runs it again.
# The class path is written out jar by jar, sorted, into an argument file the java launcher reads
# (@classpath.argfile): CDS refuses an archive whose class path differs from the run's, and the
# order a `lib/*` wildcard expands to is the directory's order, which the Pi's file system need
# not repeat.
#
# Usage: appcds.sh APP_DIR TRAINING_JAR   (APP_DIR holds function.jar and lib/; the archive and
#        the argument file are written there). JVM_FLAGS: the flags fprocess runs with (heap, GC,
#        ...), so the archive is dumped under the same settings; JAVA: the java command to use,
#        split on spaces (default: java on PATH; the bench gives "qemu-aarch64-static <arm64 java>").
set -euo pipefail

usage="usage: appcds.sh APP_DIR TRAINING_JAR"
app=${1:?$usage}
training=${2:?$usage}
[ -f "$training" ] || { echo "appcds: no training jar at $training" >&2; exit 1; }
training=$(realpath "$training")
main=com.openfaas.entrypoint.Training
read -r -a java <<< "${JAVA:-java}"
read -r -a flags <<< "${JVM_FLAGS:-}"

cd "$app"
app=$(pwd)
[ -f function.jar ] || { echo "appcds: no function.jar in $app" >&2; exit 1; }

classpath="$app/function.jar"
while IFS= read -r jar; do
  classpath="$classpath:$app/$jar"
done < <(find lib -maxdepth 1 -name '*.jar' -type f | LC_ALL=C sort)
printf -- '-cp %s\n' "$classpath" > classpath.argfile

# A fixed heap for these three runs: with a percentage of a big build machine's memory the JVM
# could turn compressed oops off, and an archive dumped so is refused by the Pi's small JVMs.
flags+=(-Xmx64m)
# -Xshare:off: classes mapped from the JDK's own archive would not be listed.
"${java[@]}" "${flags[@]}" -Xshare:off -XX:DumpLoadedClassList="$app/classes.lst" -cp "$classpath:$training" "$main"
# The training classes themselves are not on the function's class path: leave them out of the list.
sed -i "\\#${main//.//}\\b#d" "$app/classes.lst"
"${java[@]}" "${flags[@]}" -Xshare:dump -XX:SharedClassListFile="$app/classes.lst" \
  -XX:SharedArchiveFile="$app/app.jsa" @"$app/classpath.argfile" > "$app/appcds-dump.log" 2>&1 \
  || { tail -20 "$app/appcds-dump.log" >&2; exit 1; }
"${java[@]}" "${flags[@]}" -Xshare:on -XX:SharedArchiveFile="$app/app.jsa" -cp "$classpath:$training" "$main" > /dev/null
rm -f "$app/appcds-dump.log"
echo "appcds: $(wc -l < "$app/classes.lst") classes archived in $app/app.jsa ($(du -k "$app/app.jsa" | cut -f1) KiB)"
