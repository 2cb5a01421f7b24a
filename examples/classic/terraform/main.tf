# Stand-in for the infrastructure side of a real project: with only Terraform's built-in
# `terraform_data` resource it applies offline, and its state has the shape ecsx's `tfstate`
# lookups read (resource attributes, count and for_each instances, outputs).
terraform {
  required_version = ">= 1.4"
}

locals {
  azs = ["ap-northeast-1a", "ap-northeast-1c"]
}

resource "terraform_data" "subnet" {
  count = length(local.azs)
  input = {
    id                = "subnet-0${count.index}a1b2c3d4e5f6a7b8"
    availability_zone = local.azs[count.index]
  }
}

resource "terraform_data" "security_group" {
  for_each = toset(["app", "alb"])
  input = {
    id   = "sg-0${each.key == "app" ? "1" : "2"}23456789abcdef0"
    name = "example-${each.key}"
  }
}

resource "terraform_data" "target_group" {
  input = {
    arn = "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/example/0123456789abcdef"
  }
}

output "log_group" {
  value = "/ecs/example"
}

output "execution_role_arn" {
  value = "arn:aws:iam::123456789012:role/example-execution"
}
