# Offline: the AWS provider is mocked; plans the whole environment with the example values.
mock_provider "aws" {
  mock_data "aws_region" {
    defaults = {
      name = "eu-west-1"
    }
  }
}

variables {
  region               = "eu-west-1"
  availability_zones   = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
  image                = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/polystore-gateway:0.1.0"
  certificate_arn      = "arn:aws:acm:eu-west-1:111122223333:certificate/00000000-0000-0000-0000-000000000000"
  allowed_cidr_blocks  = ["10.0.0.0/8"]
  files_bucket_name    = "example-polystore-prod-files"
  backup_bucket_name   = "example-polystore-prod-backups"
  admin_image          = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/polystore-admin:0.1.0"
  cors_allowed_origins = ["https://app.example.com"]
  turbopuffer_region   = "aws-eu-central-1"
}

run "prod_is_protected" {
  command = plan

  assert {
    condition     = output.backup.retention_days == 30 && toset(keys(output.backup.schedule_names)) == toset(["accounts", "messenger"])
    error_message = "Prod exports each PostgreSQL database daily to the backup bucket, kept 30 days."
  }

  assert {
    condition     = alltrue([for s, p in output.postgres : p.deletion_protection == true])
    error_message = "Every prod cluster must have deletion protection."
  }

  assert {
    condition     = alltrue([for s, p in output.postgres : p.backup_retention_period >= 30])
    error_message = "Every prod cluster must keep backups at least 30 days."
  }

  assert {
    condition     = toset(keys(output.postgres)) == toset(["accounts", "messenger"])
    error_message = "accounts and messenger each have their own cluster."
  }

  assert {
    condition     = module.polystore.VALKEY_CLUSTER == "true" && module.polystore.VECTOR_BACKEND == "turbopuffer" && module.polystore.TURBOPUFFER_REGION == "aws-eu-central-1"
    error_message = "The gateway's settings must be outputs."
  }

  assert {
    condition     = toset(keys(module.polystore.POSTGRES_WRITER_CONN)) == toset(["accounts", "messenger"]) && toset(keys(module.polystore.POSTGRES_READER_CONN)) == toset(["accounts", "messenger"])
    error_message = "POSTGRES_WRITER_CONN and POSTGRES_READER_CONN must be outputs for both PostgreSQL services."
  }

  assert {
    condition     = module.polystore.POLYSTORE_SERVICES == { accounts = "accounts", messenger = "messenger", activity = "activity", files = "files", presence = "presence", search = "search" }
    error_message = "By default prod runs one ECS service per polystore service."
  }
}

run "groups_may_share_tasks" {
  command = plan

  variables {
    service_groups = {
      core = { services = ["accounts", "activity", "files"] }
      chat = { services = ["messenger", "presence", "search"] }
    }
  }

  assert {
    condition     = module.polystore.POLYSTORE_SERVICES == { core = "accounts,activity,files", chat = "messenger,presence,search" }
    error_message = "service_groups must set POLYSTORE_SERVICES."
  }
}
