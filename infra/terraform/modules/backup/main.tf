# Backups beyond the stores' own (docs/backup.md): a bucket for logical exports, encrypted with a
# KMS key and emptied after retention_days, and a daily `polystore-admin export` of each PostgreSQL
# service's database into it, run by EventBridge Scheduler as a Fargate task on the gateway's cluster.

data "aws_region" "current" {}

locals {
  create_key  = var.kms_key_arn == null
  kms_key_arn = local.create_key ? aws_kms_key.backup[0].arn : var.kms_key_arn
  # valueFrom of a secret may name a JSON key after the ARN (arn:...:secret:name:key::); the
  # execution role needs the secret itself.
  secret_arns = distinct(flatten([for s, e in var.exports : [
    for v in values(e.secrets) : regex("^arn:[^:]+:secretsmanager:[^:]+:[^:]+:secret:[^:]+", v)
  ]]))
}

resource "aws_kms_key" "backup" {
  count                   = local.create_key ? 1 : 0
  description             = "${var.name}: backup exports"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  tags                    = var.tags
}

resource "aws_s3_bucket" "this" {
  bucket        = var.bucket_name
  force_destroy = var.force_destroy
  tags          = var.tags
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket = aws_s3_bucket.this.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# The tool also sends SSE-KMS with this key on every object; the default covers anything else.
resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = local.kms_key_arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    id     = "expire-exports"
    status = "Enabled"

    filter {}

    expiration {
      days = var.retention_days
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  bucket = aws_s3_bucket.this.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.this.arn, "${aws_s3_bucket.this.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/polystore/${var.name}/backup"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

# --- roles -------------------------------------------------------------------------------------

locals {
  ecs_tasks_assume = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
  scheduler_assume = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "scheduler.amazonaws.com" } }]
  })
}

# What the export itself may do: write and read its own bucket, with its key. Nothing else: it
# reaches the database with the service's credentials (secrets below), like the gateway.
resource "aws_iam_role" "task" {
  name               = "${var.name}-backup-task"
  assume_role_policy = local.ecs_tasks_assume
  tags               = var.tags
}

resource "aws_iam_role_policy" "task" {
  role = aws_iam_role.task.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "WriteExports", Effect = "Allow", Action = ["s3:PutObject", "s3:GetObject"], Resource = "${aws_s3_bucket.this.arn}/*" },
      { Sid = "ListExports", Effect = "Allow", Action = "s3:ListBucket", Resource = aws_s3_bucket.this.arn },
      { Sid = "EncryptExports", Effect = "Allow", Action = ["kms:GenerateDataKey", "kms:Encrypt", "kms:Decrypt"], Resource = local.kms_key_arn },
    ]
  })
}

resource "aws_iam_role" "execution" {
  name               = "${var.name}-backup-execution"
  assume_role_policy = local.ecs_tasks_assume
  tags               = var.tags
}

resource "aws_iam_role_policy" "execution" {
  role = aws_iam_role.execution.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat([
      { Sid = "PullImage", Effect = "Allow", Action = ["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"], Resource = "*" },
      { Sid = "WriteLogs", Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents"], Resource = "${aws_cloudwatch_log_group.this.arn}:*" },
      ],
      length(local.secret_arns) == 0 ? [] : [{ Sid = "ReadDatabaseSecrets", Effect = "Allow", Action = "secretsmanager:GetSecretValue", Resource = local.secret_arns }],
      length(var.secret_kms_key_arns) == 0 ? [] : [{ Sid = "DecryptDatabaseSecrets", Effect = "Allow", Action = "kms:Decrypt", Resource = var.secret_kms_key_arns }],
    )
  })
}

# --- the daily export ----------------------------------------------------------------------------

resource "aws_ecs_task_definition" "export" {
  for_each = var.exports

  family                   = "${var.name}-backup-${each.key}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.task_cpu
  memory                   = var.task_memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn
  tags                     = var.tags

  container_definitions = jsonencode([{
    name      = "polystore-admin"
    image     = var.admin_image
    essential = true
    # {now} becomes the export's start time (UTC), so each day's export has a prefix of its own.
    command = ["export", "--service", each.key, "--to", "s3://${aws_s3_bucket.this.bucket}/daily/{now}/${each.key}"]
    environment = [for k, v in merge(each.value.environment, {
      S3_REGION         = data.aws_region.current.name
      BACKUP_SSE        = "aws:kms"
      BACKUP_KMS_KEY_ID = local.kms_key_arn
    }) : { name = k, value = v }]
    secrets = [for k, v in each.value.secrets : { name = k, valueFrom = v }]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.this.name
        awslogs-region        = data.aws_region.current.name
        awslogs-stream-prefix = each.key
      }
    }
  }])
}

resource "aws_iam_role" "scheduler" {
  name               = "${var.name}-backup-scheduler"
  assume_role_policy = local.scheduler_assume
  tags               = var.tags
}

resource "aws_iam_role_policy" "scheduler" {
  role = aws_iam_role.scheduler.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "RunExports", Effect = "Allow", Action = "ecs:RunTask", Resource = [for t in aws_ecs_task_definition.export : t.arn_without_revision] },
      { Sid = "PassTaskRoles", Effect = "Allow", Action = "iam:PassRole", Resource = [aws_iam_role.task.arn, aws_iam_role.execution.arn] },
    ]
  })
}

resource "aws_scheduler_schedule" "export" {
  for_each = var.exports

  name                         = "${var.name}-backup-${each.key}"
  schedule_expression          = var.schedule_expression
  schedule_expression_timezone = "UTC"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = var.cluster_arn
    role_arn = aws_iam_role.scheduler.arn

    ecs_parameters {
      task_definition_arn = aws_ecs_task_definition.export[each.key].arn_without_revision
      launch_type         = "FARGATE"

      network_configuration {
        subnets          = var.subnet_ids
        security_groups  = var.security_group_ids
        assign_public_ip = false
      }
    }

    retry_policy {
      maximum_retry_attempts = 2
    }
  }
}
