#!/usr/bin/env bash
# Builds what the edgepass demo needs and starts it on localhost.
#
#   ./demo.sh                       login endpoint as an origin (like a Lambda function URL), code flow + PKCE
#   ./demo.sh --login-via=edge      login endpoint as a viewer-request function, as Lambda@Edge would run it
#   ./demo.sh --flow=implicit       the article's flow: the page gets the tokens and posts the ID token
#   ./demo.sh --port=8080           fixed port for the CloudFront stand-in (default: a free one)
#
# Needs Java 17+ and Maven 3.8+. Ctrl-C stops it. See examples/demo/README.md.
set -euo pipefail

cd "$(dirname "$0")"

for tool in java "${MVN:-mvn}"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "demo.sh: '$tool' not found; the demo needs Java 17+ and Maven 3.8+ on the PATH" >&2
        exit 1
    fi
done

echo "Building the demo and the modules it uses (the first run downloads dependencies)..." >&2
"${MVN:-mvn}" -B -q -DskipTests -pl examples/demo -am package

exec java -jar examples/demo/target/edgepass-demo.jar "$@"
