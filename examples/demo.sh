#!/usr/bin/env bash
# The demo: the local Passage-compatible provider and the hello-passage example on Payara Micro, both on loopback.
# Needs only a JDK 17 and Maven; the first run downloads what it needs from Maven Central.
#   bash examples/demo.sh            then open the printed URL and sign in
#   APP_PORT=8480 PROVIDER_PORT=9400 bash examples/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
app_port=${APP_PORT:-8480}
provider_port=${PROVIDER_PORT:-9400}
version=0.1.0-SNAPSHOT
work=examples/hello-passage/target/demo
mkdir -p "$work"

echo "Building the library, the local provider and the example (tests skipped; 'mvn verify' runs them)..."
mvn -q -B -Dstyle.color=never install -DskipTests -Dinvoker.skip
mvn -q -B -Dstyle.color=never -f arquillian/local-provider/pom.xml install -DskipTests
mvn -q -B -Dstyle.color=never -f examples/hello-passage/pom.xml package -DskipTests
mvn -q -B -Dstyle.color=never -f examples/hello-passage/pom.xml dependency:copy@copy-payara-micro -DskipITs=false

# A fresh client secret per run: it is given to both sides as configuration, never written to a file.
secret=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d " \n")

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

java -jar "arquillian/local-provider/target/passage-security-testkit-$version-all.jar" \
  --port "$provider_port" --client-id hello-passage --client-secret "$secret" \
  --redirect-uri "http://127.0.0.1:$app_port/passage/callback" > "$work/provider.log" 2>&1 &
pids+=($!)

PASSAGE_ISSUER="http://127.0.0.1:$provider_port" \
PASSAGE_CLIENT_ID=hello-passage \
PASSAGE_CLIENT_SECRET="$secret" \
HELLO_ADMIN_EMAILS=alice@example.com \
java -Xmx512m -Djava.net.preferIPv4Stack=true -Dhazelcast.socket.bind.any=false \
  -jar examples/hello-passage/target/payara-micro.jar \
  --deploy examples/hello-passage/target/hello-passage.war --contextroot / \
  --port "$app_port" --nocluster \
  --prebootcommandfile examples/hello-passage/src/demo/payara-preboot.asadmin > "$work/payara-micro.log" 2>&1 &
pids+=($!)

echo "Starting Payara Micro (about 20 s; log: $work/payara-micro.log)..."
url="http://127.0.0.1:$app_port/"
for _ in $(seq 1 180); do
  if java -XshowSettings:none "$root/examples/hello-passage/src/demo/Ping.java" "$url" 2>/dev/null; then
    break
  fi
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "A process of the demo stopped; see $work/*.log" >&2; exit 1; }
  done
  sleep 1
done

cat <<TEXT

  Hello Passage is running.

  Open  $url  and click "Sign in with Passage".

  The local Passage provider (http://127.0.0.1:$provider_port) lets you sign in as:
    - alice@example.com  (+15555550100; email and phone verified)
    - bob@example.com    (email not verified)
    - or anyone you type in (email and/or phone)
  ${url}profile shows your profile as JSON; ${url}api/me the same for API clients (a session cookie or a
  bearer token); ${url}api/admin is for admins (alice); ${url}logout signs you out.

  Press Ctrl+C to stop.
TEXT
if command -v xdg-open >/dev/null 2>&1 && [ -n "${DISPLAY:-}" ]; then xdg-open "$url" >/dev/null 2>&1 || true; fi
wait
