variable "region" {
  description = "AWS Region of the environment."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "region must be an AWS Region such as eu-west-1."
  }
}

variable "availability_zones" {
  description = "Two or three Availability Zones of the Region."
  type        = list(string)
}

variable "vpc_cidr" {
  description = "The VPC's IPv4 range."
  type        = string
  default     = "10.40.0.0/16"
}

variable "image" {
  description = "The gateway image, pinned (ECR URI with a tag or digest)."
  type        = string
}

variable "certificate_arn" {
  description = "ACM certificate for the gateway's HTTPS (gRPC) listener."
  type        = string
}

variable "allowed_cidr_blocks" {
  description = "Networks allowed to call the gateway."
  type        = list(string)
}

variable "files_bucket_name" {
  description = "Globally unique name of the files bucket."
  type        = string
}

variable "cors_allowed_origins" {
  description = "Frontend origins allowed to upload and download with presigned URLs."
  type        = list(string)
}

variable "turbopuffer_region" {
  description = "turbopuffer region of the search service's namespaces (TURBOPUFFER_REGION), e.g. aws-eu-central-1."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9-]+$", var.turbopuffer_region))
    error_message = "turbopuffer_region must be a turbopuffer region name such as aws-eu-central-1."
  }
}

variable "service_groups" {
  description = "ECS services of the gateway (see modules/gateway). Null: the environment's default, one ECS service per polystore service."
  type = map(object({
    services      = list(string)
    cpu           = optional(number, 512)
    memory        = optional(number, 1024)
    desired_count = optional(number, 2)
    min_count     = optional(number, 2)
    max_count     = optional(number, 10)
    cpu_target    = optional(number, 60)
    environment   = optional(map(string), {})
  }))
  default = null
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for Aurora, the secrets, S3, Keyspaces and Valkey. Null: AWS managed keys."
  type        = string
  default     = null
}

variable "extra_tags" {
  description = "Tags added to every resource besides project and environment."
  type        = map(string)
  default     = {}
}
