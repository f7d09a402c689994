variable "name" {
  description = "Cluster identifier, e.g. polystore-prod-accounts. One cluster per PostgreSQL service."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,50}[a-z0-9]$", var.name)) && !can(regex("--", var.name))
    error_message = "name must be 2-52 lower-case letters, digits and single hyphens, starting with a letter."
  }
}

variable "database_name" {
  description = "The service's database, created with the cluster: `accounts` or `messenger` (the gateway always connects to its service's own database)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.database_name))
    error_message = "database_name must be a lower-case PostgreSQL identifier."
  }
}

variable "app_username" {
  description = "The login the gateway uses (not the master user). Created once by the operator (docs/deploy.md); its connection URLs go into the connection secret. Also the IAM database user allowed by rds-db:connect."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.app_username)) && var.app_username != "postgres"
    error_message = "app_username must be a lower-case PostgreSQL identifier other than postgres."
  }
}

variable "master_username" {
  description = "Master user; its password is generated and rotated by RDS in Secrets Manager (manage_master_user_password)."
  type        = string
  default     = "polystore_admin"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,15}$", var.master_username)) && !contains(["admin", "postgres", "rdsadmin"], var.master_username)
    error_message = "master_username must be 1-16 lower-case letters, digits or underscores, start with a letter and not be a reserved name."
  }
}

variable "engine_version" {
  description = "Aurora PostgreSQL engine version (Serverless v2 capable)."
  type        = string
  default     = "16.6"

  validation {
    condition     = can(regex("^(1[3-9]|[2-9][0-9])\\.[0-9]+$", var.engine_version))
    error_message = "engine_version must look like 16.6 (major 13 or later)."
  }
}

variable "vpc_id" {
  description = "VPC of the cluster."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id must be a VPC id (vpc-...)."
  }
}

variable "subnet_ids" {
  description = "Private subnets (at least two Availability Zones) for the DB subnet group."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2 && alltrue([for s in var.subnet_ids : can(regex("^subnet-[0-9a-f]+$", s))])
    error_message = "subnet_ids must hold at least two subnet ids (subnet-...)."
  }
}

variable "allowed_security_group_ids" {
  description = "Security groups allowed to reach PostgreSQL (the gateway's tasks)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for s in var.allowed_security_group_ids : can(regex("^sg-[0-9a-f]+$", s))])
    error_message = "allowed_security_group_ids must hold security group ids (sg-...)."
  }
}

variable "min_capacity" {
  description = "Serverless v2 minimum ACUs per instance (0 lets an idle cluster pause on engine versions that support it)."
  type        = number
  default     = 0.5

  validation {
    condition     = var.min_capacity >= 0 && var.min_capacity <= 256 && floor(var.min_capacity * 2) == var.min_capacity * 2
    error_message = "min_capacity must be 0 to 256 in steps of 0.5."
  }
}

variable "max_capacity" {
  description = "Serverless v2 maximum ACUs per instance: the cost ceiling."
  type        = number
  default     = 8

  validation {
    condition     = var.max_capacity >= 1 && var.max_capacity <= 256 && floor(var.max_capacity * 2) == var.max_capacity * 2
    error_message = "max_capacity must be 1 to 256 in steps of 0.5."
  }
}

variable "instance_count" {
  description = "Instances: one writer and instance_count - 1 readers (the reader endpoint balances over them; with 1 the reader endpoint points at the writer)."
  type        = number
  default     = 2

  validation {
    condition     = var.instance_count >= 1 && var.instance_count <= 16 && floor(var.instance_count) == var.instance_count
    error_message = "instance_count must be a whole number from 1 to 16."
  }
}

variable "backup_retention_period" {
  description = "Days of automated backups, which is also the point-in-time restore window."
  type        = number
  default     = 30

  validation {
    condition     = var.backup_retention_period >= 30 && var.backup_retention_period <= 35 && floor(var.backup_retention_period) == var.backup_retention_period
    error_message = "backup_retention_period must be 30 to 35 days (our policy keeps at least 30 days of point-in-time restore)."
  }
}

variable "preferred_backup_window" {
  description = "Daily backup window (UTC), hh24:mi-hh24:mi."
  type        = string
  default     = "02:00-03:00"

  validation {
    condition     = can(regex("^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$", var.preferred_backup_window))
    error_message = "preferred_backup_window must look like 02:00-03:00."
  }
}

variable "preferred_maintenance_window" {
  description = "Weekly maintenance window (UTC), ddd:hh24:mi-ddd:hh24:mi."
  type        = string
  default     = "sun:03:30-sun:04:30"
}

variable "deletion_protection" {
  description = "Refuse to delete the cluster (true in prod)."
  type        = bool
  default     = true
}

variable "skip_final_snapshot" {
  description = "Delete without a final snapshot (only for throw-away environments)."
  type        = bool
  default     = false
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for storage and for the master secret. Null: the AWS managed keys."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", coalesce(var.kms_key_arn, "x")))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "performance_insights_enabled" {
  description = "Performance Insights on every instance (7 days free retention)."
  type        = bool
  default     = true
}

variable "log_statements_slower_than_ms" {
  description = "log_min_duration_statement: statements slower than this are logged to CloudWatch (-1: off)."
  type        = number
  default     = 500
}

variable "create_global_cluster" {
  description = "Make this cluster the primary of a new Aurora global database (cross-Region disaster recovery). Secondary Regions are added with their own cluster joining global_cluster_identifier."
  type        = bool
  default     = false
}

variable "global_cluster_identifier" {
  description = "Identifier of the global database to create (with create_global_cluster) or to join as a secondary (without it). Null: a regional cluster."
  type        = string
  default     = null
}

variable "secret_recovery_window_days" {
  description = "Days a deleted connection secret can still be restored (0 deletes it at once)."
  type        = number
  default     = 7

  validation {
    condition     = var.secret_recovery_window_days == 0 || (var.secret_recovery_window_days >= 7 && var.secret_recovery_window_days <= 30)
    error_message = "secret_recovery_window_days must be 0 or 7 to 30."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
