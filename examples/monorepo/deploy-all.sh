#!/usr/bin/env bash
# Deploys every service in services/*/ with one image tag, the way a monorepo's CI job does:
# a diff first (exit 5 = changes), then the deploy; stops at the first failure and says which.
#   IMAGE_TAG=1.27 SUBNET_IDS=subnet-a,subnet-b SECURITY_GROUP_ID=sg-1 EXECUTION_ROLE_ARN=arn:... ./deploy-all.sh
set -euo pipefail
cd "$(dirname "$0")"
read -r -a ECSX <<< "${ECSX:-ecsx}"
for config in services/*/ecsx.yml; do
  name=$(basename "$(dirname "$config")")
  echo "== $name"
  set +e
  "${ECSX[@]}" diff --config "$config" --exit-code >/dev/null
  diff_status=$?
  set -e
  case $diff_status in
    0) echo "$name: no changes"; continue ;;
    5) "${ECSX[@]}" deploy --config "$config" ;;
    *) echo "$name: diff failed (exit $diff_status)" >&2; exit "$diff_status" ;;
  esac
done
