variable "name" {
  description = "Name of the serverless cache, e.g. polystore-prod-presence."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,38}[a-z0-9]$", var.name)) && !can(regex("--", var.name))
    error_message = "name must be 2-40 lower-case letters, digits and single hyphens, starting with a letter."
  }
}

variable "major_engine_version" {
  description = "Valkey major version."
  type        = string
  default     = "8"

  validation {
    condition     = contains(["7", "8"], var.major_engine_version)
    error_message = "major_engine_version must be 7 or 8."
  }
}

variable "vpc_id" {
  description = "VPC of the cache's endpoints."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id must be a VPC id (vpc-...)."
  }
}

variable "subnet_ids" {
  description = "Private subnets for the cache's endpoints (two or three Availability Zones)."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2 && length(var.subnet_ids) <= 3 && alltrue([for s in var.subnet_ids : can(regex("^subnet-[0-9a-f]+$", s))])
    error_message = "subnet_ids must hold two or three subnet ids (subnet-...)."
  }
}

variable "allowed_security_group_ids" {
  description = "Security groups allowed to reach the cache (the gateway's tasks)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for s in var.allowed_security_group_ids : can(regex("^sg-[0-9a-f]+$", s))])
    error_message = "allowed_security_group_ids must hold security group ids (sg-...)."
  }
}

variable "max_data_storage_gb" {
  description = "Ceiling on data stored (GB): a cost limit; writes fail beyond it."
  type        = number
  default     = 5

  validation {
    condition     = var.max_data_storage_gb >= 1 && var.max_data_storage_gb <= 5000 && floor(var.max_data_storage_gb) == var.max_data_storage_gb
    error_message = "max_data_storage_gb must be a whole number from 1 to 5000."
  }
}

variable "max_ecpu_per_second" {
  description = "Ceiling on ElastiCache Processing Units per second: a cost limit; requests are throttled beyond it."
  type        = number
  default     = 10000

  validation {
    condition     = var.max_ecpu_per_second >= 1000 && var.max_ecpu_per_second <= 15000000 && floor(var.max_ecpu_per_second) == var.max_ecpu_per_second
    error_message = "max_ecpu_per_second must be a whole number from 1000 to 15000000."
  }
}

variable "snapshot_retention_limit" {
  description = "Daily snapshots kept (0: none). Presence data is ephemeral and the outbox republishes events, so a few days suffice."
  type        = number
  default     = 1

  validation {
    condition     = var.snapshot_retention_limit >= 0 && var.snapshot_retention_limit <= 35
    error_message = "snapshot_retention_limit must be 0 to 35."
  }
}

variable "daily_snapshot_time" {
  description = "Daily snapshot time (UTC), hh24:mi."
  type        = string
  default     = "03:00"

  validation {
    condition     = can(regex("^([01][0-9]|2[0-3]):[0-5][0-9]$", var.daily_snapshot_time))
    error_message = "daily_snapshot_time must look like 03:00."
  }
}

variable "iam_auth_enabled" {
  description = "Create an IAM-authenticated user (and a user group whose default user is disabled) and attach it to the cache. The gateway then authenticates with IAM auth tokens (iam_environment gives its VALKEY_IAM_* settings); false: access is limited by security group and TLS only."
  type        = bool
  default     = false
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for data at rest. Null: an AWS managed key."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", coalesce(var.kms_key_arn, "x")))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
