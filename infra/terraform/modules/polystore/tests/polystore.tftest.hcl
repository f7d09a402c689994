# Offline: the AWS provider is mocked; plans the whole composition with staging-like settings.
# envs/prod/tests holds prod's own settings to account.
mock_provider "aws" {
  mock_data "aws_region" {
    defaults = {
      name = "eu-west-1"
    }
  }
}

variables {
  name = "polystore-test"
  settings = {
    postgres = {
      min_capacity        = 0.5
      max_capacity        = 4
      instance_count      = 1
      deletion_protection = false
      skip_final_snapshot = true
    }
    valkey = {
      max_data_storage_gb = 1
      max_ecpu_per_second = 5000
    }
    single_nat_gateway  = true
    fargate_spot_weight = 3
    log_retention_days  = 14
    force_destroy_files = true
    service_defaults    = { cpu = 512, memory = 1024, desired_count = 1, min_count = 1, max_count = 4 }
  }
  availability_zones   = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
  image                = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/polystore-gateway:0.1.0"
  certificate_arn      = "arn:aws:acm:eu-west-1:111122223333:certificate/00000000-0000-0000-0000-000000000000"
  allowed_cidr_blocks  = ["10.0.0.0/8"]
  files_bucket_name    = "example-polystore-test-files"
  cors_allowed_origins = ["https://test.app.example.com"]
  turbopuffer_region   = "aws-eu-central-1"
}

run "composes_every_store_and_the_gateway" {
  command = plan

  assert {
    condition = toset(keys(output.gateway_variables)) == toset([
      "POSTGRES_WRITER_CONN", "POSTGRES_READER_CONN", "KEYSPACES_REGION", "VALKEY_URL", "VALKEY_CLUSTER",
      "S3_BUCKET", "S3_REGION", "VECTOR_BACKEND", "TURBOPUFFER_API_KEY", "TURBOPUFFER_REGION", "POLYSTORE_SERVICES",
    ])
    error_message = "gateway_variables must hold every gateway variable the stores set, and only those."
  }

  assert {
    condition     = output.VALKEY_CLUSTER == "true" && output.VECTOR_BACKEND == "turbopuffer" && output.TURBOPUFFER_REGION == "aws-eu-central-1" && output.KEYSPACES_REGION == "eu-west-1"
    error_message = "The gateway's settings must be outputs."
  }

  assert {
    condition     = toset(keys(output.POSTGRES_WRITER_CONN)) == toset(["accounts", "messenger"]) && toset(keys(output.POSTGRES_READER_CONN)) == toset(["accounts", "messenger"])
    error_message = "POSTGRES_WRITER_CONN and POSTGRES_READER_CONN must be outputs for both PostgreSQL services."
  }

  assert {
    condition     = toset(keys(output.postgres)) == toset(["accounts", "messenger"]) && alltrue([for s, p in output.postgres : p.deletion_protection == false && p.backup_retention_period >= 30])
    error_message = "Each PostgreSQL service has its own cluster, protected as settings.postgres says, with backups kept at least 30 days."
  }

  assert {
    condition     = output.POLYSTORE_SERVICES == { accounts = "accounts", messenger = "messenger", activity = "activity", files = "files", presence = "presence", search = "search" }
    error_message = "Without service_groups there is one ECS service per polystore service."
  }

  assert {
    condition     = toset(keys(output.gateway_environment)) == toset(keys(output.POLYSTORE_SERVICES)) && toset(keys(output.task_role_arns)) == toset(["accounts", "messenger", "activity", "files", "presence", "search"])
    error_message = "Every ECS service has its environment, and every polystore service its task role."
  }

  assert {
    condition     = output.gateway_environment["presence"].environment["VALKEY_CLUSTER"] == "true" && output.gateway_environment["search"].environment["VECTOR_BACKEND"] == "turbopuffer"
    error_message = "The store modules' outputs must reach the gateway's containers."
  }

  assert {
    condition     = alltrue([for s, e in output.gateway_environment : e.environment["VALKEY_URL"] != ""])
    error_message = "Every service publishes or consumes events, so every container needs the event bus's VALKEY_URL."
  }
}

run "valkey_iam_auth_reaches_presence" {
  command = plan

  variables {
    settings = merge(var.settings, { valkey = merge(var.settings.valkey, { iam_auth = true }) })
  }

  assert {
    condition = alltrue([for k, v in {
      VALKEY_IAM_AUTH       = "true", VALKEY_USER = "polystore-test-presence-app",
      VALKEY_IAM_CACHE_NAME = "polystore-test-presence", AWS_REGION = "eu-west-1"
    } : output.gateway_environment["presence"].environment[k] == v])
    error_message = "With settings.valkey.iam_auth presence must get the IAM user, the cache name and the region."
  }
}

run "deletion_protection_needs_a_final_snapshot" {
  command = plan

  variables {
    settings = merge(var.settings, { postgres = merge(var.settings.postgres, { deletion_protection = true, skip_final_snapshot = true }) })
  }

  expect_failures = [var.settings]
}

run "name_fits_the_load_balancer" {
  command = plan

  variables {
    name = "polystore-a-much-too-long-name"
  }

  expect_failures = [var.name]
}
