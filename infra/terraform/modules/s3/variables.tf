variable "bucket_name" {
  description = "Name of the files bucket (globally unique). Becomes S3_BUCKET."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name)) && !can(regex("\\.\\.", var.bucket_name))
    error_message = "bucket_name must be 3-63 characters of lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit."
  }
}

variable "cors_allowed_origins" {
  description = "Origins of the frontends that upload and download straight to and from the bucket through presigned URLs, e.g. [\"https://app.example.com\"]. The same list as FILES_CORS_ALLOWED_ORIGINS (comma-separated) of devstack and LocalStack. Empty: no CORS configuration."
  type        = list(string)

  validation {
    condition     = alltrue([for o in var.cors_allowed_origins : can(regex("^https?://[^/*\\s]+$", o))])
    error_message = "Each origin must be a scheme and host (and optional port) without a path or wildcard, e.g. https://app.example.com."
  }
}

variable "object_prefix" {
  description = "Prefix under which the files service writes its objects (`workspaces/<workspace_id>/files/<file_id>`). Lifecycle rules apply under it."
  type        = string
  default     = "workspaces/"

  validation {
    condition     = var.object_prefix == "" || can(regex("^[A-Za-z0-9!_.*'()/-]+/$", var.object_prefix))
    error_message = "object_prefix must be empty or end with a slash."
  }
}

variable "abort_incomplete_multipart_days" {
  description = "Days after which S3 aborts a multipart upload that was never completed nor aborted, freeing its parts."
  type        = number
  default     = 1

  validation {
    condition     = var.abort_incomplete_multipart_days >= 1 && var.abort_incomplete_multipart_days <= 30 && floor(var.abort_incomplete_multipart_days) == var.abort_incomplete_multipart_days
    error_message = "abort_incomplete_multipart_days must be a whole number from 1 to 30."
  }
}

variable "pending_prefix" {
  description = "Optional prefix holding only uploads that are not complete yet (e.g. \"uploads/pending/\"); objects under it expire after pending_expiration_days. Null: no such rule (today the service writes straight to the final key and removes abandoned objects itself)."
  type        = string
  default     = null

  validation {
    condition     = var.pending_prefix == null || can(regex("^[A-Za-z0-9!_.*'()/-]+/$", coalesce(var.pending_prefix, "x/")))
    error_message = "pending_prefix must be null or a prefix ending with a slash."
  }
}

variable "pending_expiration_days" {
  description = "Days after which objects under pending_prefix expire."
  type        = number
  default     = 2

  validation {
    condition     = var.pending_expiration_days >= 1 && floor(var.pending_expiration_days) == var.pending_expiration_days
    error_message = "pending_expiration_days must be a whole number of at least 1."
  }
}

variable "noncurrent_version_expiration_days" {
  description = "Days a replaced or deleted object version is kept (versioning is on) before S3 removes it: the window in which a deleted file can be restored."
  type        = number
  default     = 30

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1 && floor(var.noncurrent_version_expiration_days) == var.noncurrent_version_expiration_days
    error_message = "noncurrent_version_expiration_days must be a whole number of at least 1."
  }
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for SSE-KMS. Null: SSE-S3 (AES256), no KMS request charges."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", coalesce(var.kms_key_arn, "x")))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "cors_max_age_seconds" {
  description = "How long browsers may cache a CORS preflight answer."
  type        = number
  default     = 3000
}

variable "force_destroy" {
  description = "Allow `terraform destroy` to delete a bucket that still holds objects. Keep false outside throw-away environments."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
