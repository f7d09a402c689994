# ElastiCache Serverless for Valkey: the presence service's store (presence, typing, rate limits)
# and the outbox relay's streams. Always cluster mode, always TLS in transit.

locals {
  user_id = substr("${var.name}-app", 0, 40)
}

# AWS_REGION for the gateway's IAM auth tokens: the cache's region, which is the provider's.
data "aws_region" "current" {}

resource "aws_security_group" "this" {
  name        = "${var.name}-valkey"
  description = "${var.name}: Valkey from the gateway only"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-valkey" })
}

# 6379 is the primary endpoint, 6380 the reader endpoint of a serverless cache.
resource "aws_vpc_security_group_ingress_rule" "valkey" {
  # count, not for_each: the ids are often known only after apply.
  count = length(var.allowed_security_group_ids)

  security_group_id            = aws_security_group.this.id
  description                  = "Valkey from the allowed security group ${count.index + 1}"
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6380
  referenced_security_group_id = var.allowed_security_group_ids[count.index]
}

resource "aws_elasticache_user" "default" {
  count = var.iam_auth_enabled ? 1 : 0

  user_id       = substr("${var.name}-default", 0, 40)
  user_name     = "default"
  engine        = "valkey"
  access_string = "off -@all"
  authentication_mode {
    type = "no-password-required"
  }
  tags = var.tags
}

resource "aws_elasticache_user" "app" {
  count = var.iam_auth_enabled ? 1 : 0

  user_id       = local.user_id
  user_name     = local.user_id
  engine        = "valkey"
  access_string = "on ~* &* +@all -@dangerous"
  authentication_mode {
    type = "iam"
  }
  tags = var.tags
}

resource "aws_elasticache_user_group" "this" {
  count = var.iam_auth_enabled ? 1 : 0

  user_group_id = var.name
  engine        = "valkey"
  user_ids      = [aws_elasticache_user.default[0].user_id, aws_elasticache_user.app[0].user_id]
  tags          = var.tags
}

resource "aws_elasticache_serverless_cache" "this" {
  name                 = var.name
  engine               = "valkey"
  major_engine_version = var.major_engine_version
  description          = "${var.name}: polystore presence"

  subnet_ids         = var.subnet_ids
  security_group_ids = [aws_security_group.this.id]
  kms_key_id         = var.kms_key_arn
  user_group_id      = var.iam_auth_enabled ? aws_elasticache_user_group.this[0].user_group_id : null

  snapshot_retention_limit = var.snapshot_retention_limit
  daily_snapshot_time      = var.daily_snapshot_time

  cache_usage_limits {
    data_storage {
      maximum = var.max_data_storage_gb
      unit    = "GB"
    }
    ecpu_per_second {
      maximum = var.max_ecpu_per_second
    }
  }

  tags = var.tags
}
