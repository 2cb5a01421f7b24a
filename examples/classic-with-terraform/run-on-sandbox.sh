#!/usr/bin/env bash
# Runs this example end to end on an ecsx sandbox: creates the network the infrastructure team
# would own, applies the Terraform root (S3 backend on the sandbox), then `ecsx deploy`s the service.
#
#   ecsx sandbox start --time-scale 60 &    # prints the AWS_* lines to export
#   export AWS_ENDPOINT_URL=http://127.0.0.1:4566 AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
#   IMAGE_URI=nginx:1.27 ./run-on-sandbox.sh
#
# Needs: the AWS CLI, Terraform >= 1.5, and ecsx on PATH (ECSX overrides the command).
set -euo pipefail
cd "$(dirname "$0")"
: "${AWS_ENDPOINT_URL:?start a sandbox and export AWS_ENDPOINT_URL (see the header of this script)}"
: "${IMAGE_URI:=nginx:1.27}"
export IMAGE_URI AWS_REGION="${AWS_REGION:-us-east-1}" AWS_DEFAULT_REGION="${AWS_REGION:-us-east-1}"
read -r -a ECSX <<< "${ECSX:-ecsx}"
bucket="${TFSTATE_BUCKET:-ecsx-demo-tfstate}"
aws() { command aws --endpoint-url "$AWS_ENDPOINT_URL" --output text "$@"; }

echo "== infrastructure (what Terraform's AWS provider would create in a real account)"
aws s3api create-bucket --bucket "$bucket" >/dev/null
vpc=$(aws ec2 create-vpc --cidr-block 10.20.0.0/16 --query Vpc.VpcId)
subnet_a=$(aws ec2 create-subnet --vpc-id "$vpc" --cidr-block 10.20.1.0/24 --availability-zone "${AWS_REGION}a" --query Subnet.SubnetId)
subnet_b=$(aws ec2 create-subnet --vpc-id "$vpc" --cidr-block 10.20.2.0/24 --availability-zone "${AWS_REGION}b" --query Subnet.SubnetId)
sg=$(aws ec2 create-security-group --group-name web --description web --vpc-id "$vpc" --query GroupId)
tg=$(aws elbv2 create-target-group --name web --protocol HTTP --port 80 --vpc-id "$vpc" --target-type ip --query 'TargetGroups[0].TargetGroupArn')
aws logs create-log-group --log-group-name /ecs/web
role=$(aws iam create-role --role-name web-execution --query Role.Arn --assume-role-policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}')
aws ecs create-cluster --cluster-name demo >/dev/null

echo "== terraform apply (state in s3://$bucket/web/terraform.tfstate)"
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
terraform -chdir=terraform init -input=false -reconfigure \
  -backend-config="bucket=$bucket" -backend-config="key=web/terraform.tfstate" -backend-config="region=$AWS_REGION" \
  -backend-config="endpoints={s3=\"$AWS_ENDPOINT_URL\"}" -backend-config="use_path_style=true" \
  -backend-config="skip_credentials_validation=true" -backend-config="skip_requesting_account_id=true" \
  -backend-config="skip_metadata_api_check=true" -backend-config="skip_region_validation=true" -backend-config="skip_s3_checksum=true" >/dev/null
terraform -chdir=terraform apply -auto-approve -input=false \
  -var "subnet_ids=[\"$subnet_a\",\"$subnet_b\"]" -var "security_group_id=$sg" \
  -var "target_group_arn=$tg" -var "execution_role_arn=$role" | tail -n 1

echo "== ecsx render, verify, deploy"
TFSTATE_BUCKET="$bucket" "${ECSX[@]}" render servicedef | head -n 12
TFSTATE_BUCKET="$bucket" "${ECSX[@]}" verify
TFSTATE_BUCKET="$bucket" "${ECSX[@]}" deploy
