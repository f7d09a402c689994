# One Aurora PostgreSQL Serverless v2 cluster for one service (accounts or messenger).

locals {
  engine        = "aurora-postgresql"
  engine_major  = split(".", var.engine_version)[0]
  joins_global  = var.global_cluster_identifier != null && !var.create_global_cluster
  ssl_parameter = "sslmode=verify-full&sslrootcert=/etc/ssl/rds/global-bundle.pem"
}

resource "aws_db_subnet_group" "this" {
  name        = var.name
  description = "${var.name}: private subnets"
  subnet_ids  = var.subnet_ids
  tags        = var.tags
}

resource "aws_security_group" "this" {
  name        = "${var.name}-postgres"
  description = "${var.name}: PostgreSQL from the gateway only"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-postgres" })
}

resource "aws_vpc_security_group_ingress_rule" "postgres" {
  # count, not for_each: the ids are often known only after apply.
  count = length(var.allowed_security_group_ids)

  security_group_id            = aws_security_group.this.id
  description                  = "PostgreSQL from the allowed security group ${count.index + 1}"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = var.allowed_security_group_ids[count.index]
}

resource "aws_rds_cluster_parameter_group" "this" {
  name        = "${var.name}-pg${local.engine_major}"
  family      = "aurora-postgresql${local.engine_major}"
  description = "${var.name}: pg_stat_statements, TLS only, slow statement log"
  tags        = var.tags

  parameter {
    name         = "shared_preload_libraries"
    value        = "pg_stat_statements"
    apply_method = "pending-reboot"
  }

  parameter {
    name         = "pg_stat_statements.track"
    value        = "top"
    apply_method = "immediate"
  }

  parameter {
    name         = "rds.force_ssl"
    value        = "1"
    apply_method = "immediate"
  }

  parameter {
    name         = "log_min_duration_statement"
    value        = tostring(var.log_statements_slower_than_ms)
    apply_method = "immediate"
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_rds_global_cluster" "this" {
  count = var.create_global_cluster ? 1 : 0

  global_cluster_identifier    = coalesce(var.global_cluster_identifier, var.name)
  source_db_cluster_identifier = aws_rds_cluster.this.arn
  force_destroy                = true
  deletion_protection          = var.deletion_protection
}

resource "aws_rds_cluster" "this" {
  cluster_identifier = var.name
  engine             = local.engine
  engine_mode        = "provisioned"
  engine_version     = var.engine_version
  database_name      = local.joins_global ? null : var.database_name

  master_username                     = local.joins_global ? null : var.master_username
  manage_master_user_password         = local.joins_global ? null : true
  master_user_secret_kms_key_id       = local.joins_global ? null : var.kms_key_arn
  iam_database_authentication_enabled = true
  global_cluster_identifier           = local.joins_global ? var.global_cluster_identifier : null

  db_subnet_group_name            = aws_db_subnet_group.this.name
  vpc_security_group_ids          = [aws_security_group.this.id]
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.this.name

  storage_encrypted = true
  kms_key_id        = var.kms_key_arn

  backup_retention_period      = var.backup_retention_period
  preferred_backup_window      = var.preferred_backup_window
  preferred_maintenance_window = var.preferred_maintenance_window
  copy_tags_to_snapshot        = true
  deletion_protection          = var.deletion_protection
  skip_final_snapshot          = var.skip_final_snapshot
  final_snapshot_identifier    = var.skip_final_snapshot ? null : "${var.name}-final"

  enabled_cloudwatch_logs_exports = ["postgresql"]

  serverlessv2_scaling_configuration {
    min_capacity = var.min_capacity
    max_capacity = var.max_capacity
  }

  tags = var.tags

  lifecycle {
    # A global database's secondary follows its primary's engine version.
    ignore_changes = [global_cluster_identifier]
  }
}

resource "aws_rds_cluster_instance" "this" {
  count = var.instance_count

  identifier                   = "${var.name}-${count.index + 1}"
  cluster_identifier           = aws_rds_cluster.this.id
  engine                       = aws_rds_cluster.this.engine
  engine_version               = aws_rds_cluster.this.engine_version
  instance_class               = "db.serverless"
  db_subnet_group_name         = aws_db_subnet_group.this.name
  publicly_accessible          = false
  auto_minor_version_upgrade   = true
  promotion_tier               = count.index
  performance_insights_enabled = var.performance_insights_enabled
  tags                         = var.tags
}

# The gateway reads PostgreSQL credentials only inside POSTGRES_WRITER_CONN/POSTGRES_READER_CONN,
# so this secret holds both URLs as JSON keys of those names, for the application login (not the
# master user, whose RDS-rotated password would break a copied URL every rotation). Terraform
# creates only the container; its value is put once by the operator (docs/deploy.md), so no
# password ever reaches the Terraform state.
resource "aws_secretsmanager_secret" "connection" {
  name                    = "${var.name}/gateway-connection"
  description             = "${var.name}: JSON {POSTGRES_WRITER_CONN, POSTGRES_READER_CONN} for the ${var.app_username} login"
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = var.secret_recovery_window_days
  tags                    = var.tags
}
