#!/usr/bin/env bash
# The monorepo example on a running sandbox: creates the cluster, network and role, then runs
# deploy-all.sh twice — the second run finds nothing to change. See README.md.
set -euo pipefail
cd "$(dirname "$0")"
: "${AWS_ENDPOINT_URL:?start a sandbox and export AWS_ENDPOINT_URL (see README.md)}"
export AWS_REGION="${AWS_REGION:-us-east-1}" AWS_DEFAULT_REGION="${AWS_REGION:-us-east-1}"
aws() { command aws --endpoint-url "$AWS_ENDPOINT_URL" --output text "$@"; }
aws ecs create-cluster --cluster-name monorepo >/dev/null
vpc=$(aws ec2 create-vpc --cidr-block 10.30.0.0/16 --query Vpc.VpcId)
a=$(aws ec2 create-subnet --vpc-id "$vpc" --cidr-block 10.30.1.0/24 --query Subnet.SubnetId)
b=$(aws ec2 create-subnet --vpc-id "$vpc" --cidr-block 10.30.2.0/24 --query Subnet.SubnetId)
export SUBNET_IDS="$a,$b"
export SECURITY_GROUP_ID=$(aws ec2 create-security-group --group-name monorepo --description monorepo --vpc-id "$vpc" --query GroupId)
export EXECUTION_ROLE_ARN=$(aws iam create-role --role-name monorepo-execution --query Role.Arn --assume-role-policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}')
export IMAGE_TAG="${IMAGE_TAG:-1.27}"
./deploy-all.sh
echo "== again: nothing changed"
./deploy-all.sh
