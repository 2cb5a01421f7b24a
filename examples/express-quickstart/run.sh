#!/usr/bin/env bash
# The Express quick start against a local sandbox, end to end: start the sandbox, create the two
# IAM roles, deploy (canary, managed resources, endpoint), show status and a clean diff, delete
# with the inventory report and --purge. Needs `npm run build` and python3 with moto[server].
#   ./examples/express-quickstart/run.sh          (from the repository root, or from here)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
ecsx="node $here/../../bin/ecsx.js"
port="${SANDBOX_PORT:-4599}"

# moto loads AWS managed policies only when asked; the roles attach two of them.
export MOTO_IAM_LOAD_MANAGED_POLICIES=true
$ecsx sandbox start --port "$port" --time-scale 60 >/dev/null 2>&1 &
sandbox=$!
trap 'kill "$sandbox" 2>/dev/null || true' EXIT

export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_EC2_METADATA_DISABLED=true
unset AWS_PROFILE AWS_SESSION_TOKEN
for _ in $(seq 1 60); do
  curl -sf "$AWS_ENDPOINT_URL/_sandbox/health" >/dev/null && break
  sleep 0.5
done

cd "$here"
echo "== the roles (ecsx-hello-execution, ecsx-hello-infrastructure), tagged as created by ecsx"
scratch="$(mktemp -d)"
$ecsx init --express --image nginx:latest --service hello --create-roles --config "$scratch/ecsx.yml"
rm -rf "$scratch"

echo "== deploy"
$ecsx deploy
echo "== status"
$ecsx status
echo "== diff (nothing to show)"
$ecsx diff --exit-code
echo "== delete, with the inventory report; --purge removes leftovers and the roles"
$ecsx delete --force --purge --purge-logs
