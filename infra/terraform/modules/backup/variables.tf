variable "name" {
  description = "Name prefix of every resource (the environment's name)."
  type        = string
}

variable "bucket_name" {
  description = "Name of the backup bucket (globally unique)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name)) && !can(regex("\\.\\.", var.bucket_name))
    error_message = "bucket_name must be 3-63 characters of lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit."
  }
}

variable "kms_key_arn" {
  description = "KMS key of the exports. Null: the module creates one (with rotation)."
  type        = string
  default     = null
}

variable "retention_days" {
  description = "Days an export is kept; S3 deletes it after."
  type        = number
  default     = 30

  validation {
    condition     = var.retention_days >= 30 && floor(var.retention_days) == var.retention_days
    error_message = "retention_days must be a whole number of at least 30 (our policy keeps 30 days of backups)."
  }
}

variable "force_destroy" {
  description = "Whether the bucket may be destroyed with exports in it (staging only)."
  type        = bool
  default     = false
}

variable "admin_image" {
  description = "Container image running polystore-admin (its entry point takes the command words, e.g. export ...)."
  type        = string
}

variable "exports" {
  description = "Per service exported daily (accounts, messenger): the polystore-admin container's environment and secrets (name => Secrets Manager valueFrom), the same store settings as the service's gateway."
  type = map(object({
    environment = map(string)
    secrets     = map(string)
  }))

  validation {
    condition     = alltrue([for s in keys(var.exports) : contains(["accounts", "messenger", "activity", "files"], s)])
    error_message = "exports may name accounts, messenger, activity and files only."
  }
}

variable "schedule_expression" {
  description = "When the exports run (EventBridge Scheduler, UTC)."
  type        = string
  default     = "cron(30 3 * * ? *)"

  validation {
    condition     = can(regex("^(cron|rate)\\(.+\\)$", var.schedule_expression))
    error_message = "schedule_expression must be cron(...) or rate(...)."
  }
}

variable "cluster_arn" {
  description = "ECS cluster the export tasks run on (the gateway's)."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets of the export tasks."
  type        = list(string)
}

variable "security_group_ids" {
  description = "Security groups of the export tasks: one the databases admit (the gateway tasks')."
  type        = list(string)
}

variable "secret_kms_key_arns" {
  description = "KMS keys the database secrets are encrypted with."
  type        = list(string)
  default     = []
}

variable "task_cpu" {
  description = "Fargate CPU units of an export task."
  type        = number
  default     = 1024
}

variable "task_memory" {
  description = "Fargate memory (MiB) of an export task."
  type        = number
  default     = 2048
}

variable "log_retention_days" {
  description = "CloudWatch Logs retention of the export tasks' output."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags of every resource."
  type        = map(string)
  default     = {}
}
