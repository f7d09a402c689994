# Offline: the AWS provider is mocked, nothing reaches AWS.
mock_provider "aws" {
  mock_resource "aws_s3_bucket" {
    defaults = {
      id     = "polystore-test-backups"
      arn    = "arn:aws:s3:::polystore-test-backups"
      bucket = "polystore-test-backups"
    }
  }
  mock_resource "aws_kms_key" {
    defaults = {
      arn = "arn:aws:kms:eu-west-1:111122223333:key/00000000-0000-0000-0000-000000000000"
    }
  }
  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::111122223333:role/polystore-test"
    }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = {
      arn = "arn:aws:logs:eu-west-1:111122223333:log-group:/polystore/test/backup"
    }
  }
  mock_resource "aws_ecs_task_definition" {
    defaults = {
      arn                  = "arn:aws:ecs:eu-west-1:111122223333:task-definition/polystore-test-backup:1"
      arn_without_revision = "arn:aws:ecs:eu-west-1:111122223333:task-definition/polystore-test-backup"
    }
  }
  mock_data "aws_region" {
    defaults = {
      name = "eu-west-1"
    }
  }
}

variables {
  name               = "polystore-test"
  bucket_name        = "polystore-test-backups"
  admin_image        = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/polystore-admin:0.1.0"
  cluster_arn        = "arn:aws:ecs:eu-west-1:111122223333:cluster/polystore-test"
  subnet_ids         = ["subnet-1", "subnet-2"]
  security_group_ids = ["sg-1"]
  exports = {
    accounts = {
      environment = {}
      secrets     = { POSTGRES_WRITER_CONN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:polystore-accounts-AbCdEf:conn::" }
    }
    messenger = {
      environment = {}
      secrets     = { POSTGRES_WRITER_CONN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:polystore-messenger-AbCdEf" }
    }
  }
}

run "exports_are_private_encrypted_and_kept_30_days" {
  command = apply

  assert {
    condition = alltrue([
      aws_s3_bucket_public_access_block.this.block_public_acls,
      aws_s3_bucket_public_access_block.this.block_public_policy,
      aws_s3_bucket_public_access_block.this.ignore_public_acls,
      aws_s3_bucket_public_access_block.this.restrict_public_buckets,
    ])
    error_message = "The backup bucket must block every kind of public access."
  }

  assert {
    condition     = one([for r in aws_s3_bucket_server_side_encryption_configuration.this.rule : r.apply_server_side_encryption_by_default[0].sse_algorithm]) == "aws:kms" && length(aws_kms_key.backup) == 1 && aws_kms_key.backup[0].enable_key_rotation
    error_message = "The backup bucket must be encrypted with a KMS key of its own (rotated) when none is given."
  }

  assert {
    condition     = one([for r in aws_s3_bucket_lifecycle_configuration.this.rule : r.expiration[0].days]) == 30
    error_message = "Exports must expire after 30 days."
  }

  assert {
    condition     = toset(keys(aws_scheduler_schedule.export)) == toset(["accounts", "messenger"]) && alltrue([for s in aws_scheduler_schedule.export : s.schedule_expression == "cron(30 3 * * ? *)" && one(s.target).ecs_parameters[0].launch_type == "FARGATE"])
    error_message = "Each PostgreSQL service must be exported daily by a scheduled Fargate task."
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.export["accounts"].container_definitions)[0].command == ["export", "--service", "accounts", "--to", "s3://polystore-test-backups/daily/{now}/accounts"]
    error_message = "The task must run polystore-admin export of its service into the backup bucket."
  }

  assert {
    condition     = contains([for e in jsondecode(aws_ecs_task_definition.export["messenger"].container_definitions)[0].environment : "${e.name}=${e.value}"], "BACKUP_SSE=aws:kms")
    error_message = "The export must ask for SSE-KMS on every object."
  }

  assert {
    condition     = jsondecode(aws_s3_bucket_policy.this.policy).Statement[0].Effect == "Deny" && !strcontains(aws_s3_bucket_policy.this.policy, "\"Allow\"")
    error_message = "The bucket policy must refuse requests without TLS and grant nothing."
  }

  assert {
    condition     = toset(local.secret_arns) == toset(["arn:aws:secretsmanager:eu-west-1:111122223333:secret:polystore-accounts-AbCdEf", "arn:aws:secretsmanager:eu-west-1:111122223333:secret:polystore-messenger-AbCdEf"])
    error_message = "The execution role reads exactly the database secrets (without their JSON keys)."
  }
}

run "retention_below_30_days_is_refused" {
  command = plan

  variables {
    retention_days = 7
  }

  expect_failures = [var.retention_days]
}
