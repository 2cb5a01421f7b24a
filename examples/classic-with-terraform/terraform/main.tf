# The infrastructure side of a classic ECS service, as a team's Terraform would hand it to the
# application side: network, load balancer target group, log group, execution role. ecsx reads
# these from the state with `tfstate` lookups (see ../ecs-service-def.json).
#
# Built-in providers only, so it applies anywhere (CI, offline). In a real project these values
# come from aws_* resources; here the network exists already and is passed in as variables —
# run-on-sandbox.sh creates it in the sandbox and passes its IDs.
terraform {
  required_version = ">= 1.5"
  # Configured at `terraform init -backend-config=...` time: a bucket on the sandbox, or yours.
  backend "s3" {}
}

variable "subnet_ids" {
  type = list(string)
}
variable "security_group_id" {
  type = string
}
variable "target_group_arn" {
  type = string
}
variable "execution_role_arn" {
  type = string
}
variable "log_group" {
  type    = string
  default = "/ecs/web"
}

# One resource per private subnet, keyed by index, like aws_subnet.private[count.index].
resource "terraform_data" "private_subnet" {
  count = length(var.subnet_ids)
  input = { id = var.subnet_ids[count.index] }
}

output "security_group_id" {
  value = var.security_group_id
}
output "target_group_arn" {
  value = var.target_group_arn
}
output "execution_role_arn" {
  value = var.execution_role_arn
}
output "log_group" {
  value = var.log_group
}
