# One ECS task role per polystore service, each allowed only its own store: the gateway's least
# privilege. Policies are built with jsonencode (no data sources), so tests read the real JSON.

locals {
  keyspace_actions = ["cassandra:Select", "cassandra:Modify", "cassandra:Create", "cassandra:Alter"]

  keyspace_arns = {
    activity = try(var.activity.keyspace_arn, null)
    files    = try(var.files.keyspace_arn, null)
  }
  clusters = {
    accounts  = var.accounts
    messenger = var.messenger
  }

  # Every statement any service may get; each one is kept only for its service and only when that
  # service (and the optional part the statement covers) is configured.
  candidates = concat(
    # The event bus: every service that publishes or consumes events connects to its cache.
    [for s in try(var.event_bus.services, []) : {
      service = s
      keep    = true
      statement = {
        Sid      = "EventBus"
        Effect   = "Allow"
        Action   = ["elasticache:Connect"]
        Resource = concat([var.event_bus.cache_arn], var.event_bus.user_arns)
      }
    }],
    flatten([for s, arn in local.keyspace_arns : [
      {
        service = s
        keep    = arn != null
        statement = {
          Sid      = "OwnKeyspace"
          Effect   = "Allow"
          Action   = local.keyspace_actions
          Resource = [arn, "${coalesce(arn, "-")}table/*"]
        }
      },
      {
        # arn:<partition>:cassandra:<region>:<account>:/keyspace/<name>/ -> the system keyspaces
        # the driver reads (system, system_schema, system_schema_mcs, ...), same account and Region.
        service = s
        keep    = arn != null
        statement = {
          Sid      = "SystemKeyspacesRead"
          Effect   = "Allow"
          Action   = ["cassandra:Select"]
          Resource = [join(":", concat(slice(split(":", coalesce(arn, "-:-:-:-:-")), 0, 5), ["/keyspace/system*"]))]
        }
      },
    ]]),
    [for s, c in local.clusters : {
      service = s
      keep    = c != null
      statement = {
        Sid    = "OwnClusterIamLogin"
        Effect = "Allow"
        Action = ["rds-db:connect"]
        Resource = c == null ? [] : [format("arn:%s:rds-db:%s:%s:dbuser:%s/%s",
          split(":", c.cluster_arn)[1], split(":", c.cluster_arn)[3], split(":", c.cluster_arn)[4],
        c.cluster_resource_id, c.db_username)]
      }
    }],
    [
      {
        service = "files"
        keep    = var.files != null
        statement = {
          Sid      = "OwnObjects"
          Effect   = "Allow"
          Action   = ["s3:PutObject", "s3:GetObject", "s3:GetObjectAttributes", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"]
          Resource = ["${try(var.files.bucket_arn, "")}/${try(var.files.object_prefix, "")}*"]
        }
      },
      {
        # Its own bucket only, unconditioned: S3 answers a HEAD of a missing key with 404 (not 403)
        # only to a caller allowed s3:ListBucket, and a HEAD carries no s3:prefix to match.
        service = "files"
        keep    = var.files != null
        statement = {
          Sid      = "OwnBucketList"
          Effect   = "Allow"
          Action   = ["s3:ListBucket", "s3:ListBucketMultipartUploads"]
          Resource = [try(var.files.bucket_arn, "")]
        }
      },
      {
        service = "files"
        keep    = try(var.files.kms_key_arn, null) != null
        statement = {
          Sid      = "OwnBucketKey"
          Effect   = "Allow"
          Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
          Resource = [try(var.files.kms_key_arn, "")]
        }
      },
      {
        service = "presence"
        keep    = var.presence != null
        statement = {
          Sid      = "OwnCache"
          Effect   = "Allow"
          Action   = ["elasticache:Connect"]
          Resource = concat([try(var.presence.cache_arn, "")], try(var.presence.user_arns, []))
        }
      },
      {
        service = "search"
        keep    = var.search != null
        statement = {
          Sid      = "TurbopufferKey"
          Effect   = "Allow"
          Action   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
          Resource = [try(var.search.turbopuffer_secret_arn, "")]
        }
      },
      {
        service = "search"
        keep    = try(var.search.kms_key_arn, null) != null
        statement = {
          Sid       = "TurbopufferKeyDecrypt"
          Effect    = "Allow"
          Action    = ["kms:Decrypt"]
          Resource  = [try(var.search.kms_key_arn, "")]
          Condition = { StringEquals = { "kms:ViaService" = "secretsmanager.${try(split(":", var.search.turbopuffer_secret_arn)[3], "")}.amazonaws.com" } }
        }
      },
    ],
  )

  configured = {
    accounts  = var.accounts != null
    messenger = var.messenger != null
    activity  = var.activity != null
    files     = var.files != null
    presence  = var.presence != null
    search    = var.search != null
  }

  policies = { for s, on in local.configured : s => jsonencode({
    Version   = "2012-10-17"
    Statement = [for c in local.candidates : c.statement if c.service == s && c.keep]
  }) if on }

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })

  multi_service_groups = { for g, services in var.service_groups : g => services if length(services) > 1 }
}

resource "aws_iam_policy" "service" {
  for_each = local.policies

  name        = "${var.name_prefix}-${each.key}"
  path        = var.path
  description = "polystore ${each.key}: its own store only"
  policy      = each.value
  tags        = var.tags
}

resource "aws_iam_role" "service" {
  for_each = local.policies

  name                 = "${var.name_prefix}-${each.key}"
  path                 = var.path
  description          = "ECS task role of the polystore ${each.key} service"
  assume_role_policy   = local.assume_role_policy
  permissions_boundary = var.permissions_boundary_arn
  max_session_duration = 3600
  tags                 = merge(var.tags, { "polystore:service" = each.key })
}

resource "aws_iam_role_policy_attachment" "service" {
  for_each = local.policies

  role       = aws_iam_role.service[each.key].name
  policy_arn = aws_iam_policy.service[each.key].arn
}

resource "aws_iam_role" "group" {
  for_each = local.multi_service_groups

  name                 = "${var.name_prefix}-group-${each.key}"
  path                 = var.path
  description          = "ECS task role of the gateway group ${each.key}: ${join(", ", each.value)}"
  assume_role_policy   = local.assume_role_policy
  permissions_boundary = var.permissions_boundary_arn
  max_session_duration = 3600
  tags                 = merge(var.tags, { "polystore:services" = join(".", each.value) })
}

resource "aws_iam_role_policy_attachment" "group" {
  for_each = { for pair in flatten([for g, services in local.multi_service_groups : [for s in services : { group = g, service = s }]]) : "${pair.group}/${pair.service}" => pair }

  role       = aws_iam_role.group[each.value.group].name
  policy_arn = aws_iam_policy.service[each.value.service].arn
}
