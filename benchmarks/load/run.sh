#!/usr/bin/env bash
# The load benchmark (server): one command builds what it needs, runs Payara Micro and then WildFly with the three
# benchmark WARs against the local provider, drives them with wrk on loopback and prints one table per server.
#   bash benchmarks/load/run.sh                      both servers
#   SERVERS=wildfly bash benchmarks/load/run.sh      one of them
#   BUILD=0 ...                                      use what is already built/installed (library, test kit, WARs)
#   WARMUP=10 ROUND=5 ROUNDS=4 THREADS=2 CONNECTIONS=16 APP_PORT=8581 PROVIDER_PORT=9581   (the defaults)
# Needs a JDK 17, Maven and wrk (Debian: apt-get install -y wrk). Results: benchmarks/load/target/results/.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
here=benchmarks/load
target=$here/target
out=$target/results
version=0.1.0-SNAPSHOT
payara_version=6.2025.10
wildfly_version=39.0.1.Final
servers=${SERVERS:-payara wildfly}
mvn_q=(mvn -q -B -Dstyle.color=never)

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
mkdir -p "$target" "$out"
rm -f "$out"/*

if [ "${BUILD:-1}" = 1 ]; then
  echo "Building the library, the test kit (local provider) and the benchmark WARs (tests skipped)..."
  "${mvn_q[@]}" install -DskipTests -Dinvoker.skip
  "${mvn_q[@]}" -f arquillian/local-provider/pom.xml install -DskipTests
  "${mvn_q[@]}" -f $here/pom.xml package
fi
# Own copies, so that another build cleaning arquillian/local-provider/target does not pull them away mid-run.
cp arquillian/local-provider/target/passage-security-testkit-$version-all.jar "$target/testkit-all.jar"
mkdir -p "$target/wars"
cp $here/plain/target/bench-plain.war $here/passage/target/bench-passage.war $here/soteria/target/bench-soteria.war \
   $here/floor/target/bench-floor.war "$target/wars/"

# Payara Micro: the example's copy, else the one in ~/.m2, else fetched by Maven.
payara_jar=examples/hello-passage/target/payara-micro.jar
if [ ! -f "$payara_jar" ]; then
  payara_jar=$HOME/.m2/repository/fish/payara/extras/payara-micro/$payara_version/payara-micro-$payara_version.jar
  [ -f "$payara_jar" ] || mvn -q -B dependency:get -Dartifact=fish.payara.extras:payara-micro:$payara_version
fi

# WildFly: a copy of the configured server of the in-container suite, else unpacked from wildfly-dist and configured
# with the suite's configure.cli (integrated-jaspi=false, which Passage4J and Soteria both need on WildFly).
wildfly_home=$target/wildfly-$wildfly_version
if [[ " $servers " == *" wildfly "* ]] && [ ! -d "$wildfly_home" ]; then
  if [ -d arquillian/wildfly/target/wildfly-$wildfly_version ]; then
    cp -a arquillian/wildfly/target/wildfly-$wildfly_version "$wildfly_home"
  else
    zip=$HOME/.m2/repository/org/wildfly/wildfly-dist/$wildfly_version/wildfly-dist-$wildfly_version.zip
    [ -f "$zip" ] || mvn -q -B dependency:get -Dartifact=org.wildfly:wildfly-dist:$wildfly_version:zip
    (cd "$target" && unzip -q "$zip")
    "$wildfly_home/bin/jboss-cli.sh" --file=arquillian/wildfly/src/test/wildfly/configure.cli
  fi
fi

{
  echo "Machine: nproc=$(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), memory $(free -g | awk '/Mem:/{print $2}') GiB"
  echo "JDK: $(java -version 2>&1 | head -2 | tail -1)"
  echo "wrk: $(wrk -v 2>&1 | head -1)"
  echo "Servers: Payara Micro $payara_version, WildFly $wildfly_version"
} | tee "$out/machine.txt"

common=(appPort=${APP_PORT:-8581} providerPort=${PROVIDER_PORT:-9581} warmup=${WARMUP:-10} round=${ROUND:-5}
        rounds=${ROUNDS:-4} threads=${THREADS:-2} connections=${CONNECTIONS:-16} wars="$root/$target/wars"
        out="$root/$out")
for server in $servers; do
  if [ "$server" = wildfly ]; then
    # a fresh server base per run: the configured standalone/ with only the three WARs deployed
    base=$target/wildfly-base
    rm -rf "$base"
    cp -a "$wildfly_home/standalone" "$base"
    rm -rf "$base"/deployments/* "$base"/data "$base"/tmp "$base"/log
    cp "$target"/wars/*.war "$base/deployments/"
    extra=(wildflyHome="$root/$wildfly_home" wildflyBase="$root/$base")
  else
    extra=(payaraJar="$(cd "$(dirname "$payara_jar")" && pwd)/$(basename "$payara_jar")"
           payaraPreboot="$root/examples/hello-passage/src/demo/payara-preboot.asadmin")
  fi
  java -Dsun.net.httpserver.nodelay=true -cp "$target/testkit-all.jar" $here/Bench.java \
    server=$server "${common[@]}" "${extra[@]}"
done

echo
cat "$out/machine.txt"
echo
for server in $servers; do cat "$out/$server-results.md"; echo; done
