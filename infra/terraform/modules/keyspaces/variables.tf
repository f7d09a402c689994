variable "keyspaces" {
  description = "The keyspaces to create: `activity` (activity service) and `files` (files service). The services create their keyspace with IF NOT EXISTS at start-up; creating it here lets IAM name it and Terraform own its tags and lifetime."
  type        = set(string)
  default     = ["activity", "files"]

  validation {
    condition     = length(var.keyspaces) > 0 && alltrue([for k in var.keyspaces : contains(["activity", "files"], k)])
    error_message = "keyspaces may hold only activity and files, the keyspaces polystore's services use."
  }
}

variable "declare_tables" {
  description = "Also declare the services' tables (as their V1 migrations create them) with point-in-time recovery and TTL enabled. The migrations' CREATE TABLE IF NOT EXISTS then finds them; later schema changes stay with the migrations (Terraform ignores schema drift)."
  type        = bool
  default     = true
}

variable "point_in_time_recovery" {
  description = "Enable point-in-time recovery (continuous backups, 35 days) on the declared tables."
  type        = bool
  default     = true
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for the declared tables. Null: a key owned by AWS."
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
