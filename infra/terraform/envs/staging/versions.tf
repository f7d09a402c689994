terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }

  # Remote state: copy backend.tf.example to backend.tf and fill it in (docs/deploy.md).
}

provider "aws" {
  region = var.region

  default_tags {
    tags = merge(var.extra_tags, { Project = "polystore", Environment = local.environment })
  }
}
