# Shared by the benchmark scripts (sourced, not run). Each benchmark prints its table and records it, with the
# machine it ran on, in its own section of bench/RESULTS.md; the other sections are left as they are.

OAG_VERSION=7.25.0
OAG_JAR=bench/out/oag/openapi-generator-cli-$OAG_VERSION.jar

# Builds the generator, the runtime and the benchmarks; sets BENCH_CP to the bench module's classpath, with this
# tree's own classes first: ~/.m2 may be shared with other checkouts, whose installs would otherwise be measured.
bench_build() {
  ./mvnw -q -pl bench -am install -DskipTests -Dinvoker.skip=true
  BENCH_CP="bench/target/classes:codegen-plugin/target/classes:runtime/target/classes:runtime-redis/target/classes"
  BENCH_CP="$BENCH_CP:$(./mvnw -q -pl bench dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
}

# Fetches OpenAPI Generator's CLI from Maven Central once; sets OAG_CP to what its java/retrofit2 output compiles
# against (bench/oag/pom.xml).
oag_fetch() {
  if [ ! -f "$OAG_JAR" ]; then
    mkdir -p "$(dirname "$OAG_JAR")"
    ./mvnw -q -f bench/oag/pom.xml dependency:copy -Dartifact=org.openapitools:openapi-generator-cli:$OAG_VERSION \
      -DoutputDirectory="$(cd "$(dirname "$OAG_JAR")" && pwd)" # absolute: -f makes a relative one bench/oag's
  fi
  OAG_CP=$(./mvnw -q -f bench/oag/pom.xml dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
}

machine() {
  local cpu mem java
  cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
  mem=$(awk '/^MemTotal/ {printf "%.0f", $2 / 1048576}' /proc/meminfo)
  java=$(java -version 2>&1 | head -1)
  echo "$(nproc) cores ($cpu), $mem GiB, $java, $(uname -sr)"
}

# median of the numbers on stdin
median() {
  sort -n | awk '{v[NR] = $1} END {if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2];
    else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

# record <section id> <title> <file with the table and notes>: replaces that section of bench/RESULTS.md.
record() {
  local id=$1 title=$2 body=$3 results=bench/RESULTS.md block
  block=$(mktemp)
  {
    echo "<!-- $id -->"
    echo "## $title"
    echo
    echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(machine)."
    echo
    echo '```text'
    cat "$body"
    echo '```'
    echo "<!-- /$id -->"
  } >"$block"
  if [ ! -f "$results" ]; then
    printf '# Benchmark results\n\nWritten by the scripts under bench/ (see bench/README.md); each replaces its own section.\n' \
      >"$results"
  fi
  if grep -q "^<!-- $id -->\$" "$results"; then
    awk -v id="$id" -v block="$block" '
      $0 == "<!-- " id " -->" {while ((getline line < block) > 0) print line; skip = 1; next}
      $0 == "<!-- /" id " -->" {skip = 0; next}
      !skip {print}' "$results" >"$results.new"
    mv "$results.new" "$results"
  else
    { echo; cat "$block"; } >>"$results"
  fi
  rm -f "$block"
  echo "(recorded in $results, section \"$title\")"
}
