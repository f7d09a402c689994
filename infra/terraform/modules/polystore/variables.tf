# Values this module passes on to one other module unchanged are checked there (image and
# certificate by gateway, bucket and origins by s3, CIDR blocks by network and gateway, the KMS key
# by every store); the checks here are the composition's own.

variable "name" {
  description = "Name prefix of every resource of the environment, e.g. polystore-prod (also the ECS cluster's name)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,19}$", var.name)) && !endswith(var.name, "-")
    error_message = "name must be 1-20 lower-case letters, digits or hyphens, starting with a letter and not ending with a hyphen (the load balancer's and target groups' names are built from it)."
  }
}

variable "settings" {
  description = <<-EOT
    What makes the environment: Aurora capacity and protection, Valkey ceilings, NAT, Fargate Spot,
    log retention, whether the files bucket may be destroyed with objects in it, and the size of
    each ECS service when service_groups is null (one ECS service per polystore service).
    Settings passed on unchanged are checked by the module they go to (fargate_spot_weight,
    log_retention_days and service_defaults by modules/gateway).
  EOT
  type = object({
    postgres = object({
      min_capacity        = number
      max_capacity        = number
      instance_count      = number
      deletion_protection = bool
      skip_final_snapshot = bool
    })
    valkey = object({
      max_data_storage_gb = number
      max_ecpu_per_second = number
      iam_auth            = optional(bool, false)
    })
    single_nat_gateway  = bool
    fargate_spot_weight = number
    log_retention_days  = number
    force_destroy_files = bool
    service_defaults = object({
      cpu           = number
      memory        = number
      desired_count = number
      min_count     = number
      max_count     = number
      cpu_target    = optional(number, 60)
    })
  })

  validation {
    condition     = var.settings.postgres.min_capacity <= var.settings.postgres.max_capacity
    error_message = "settings.postgres.min_capacity must not exceed max_capacity (ACUs; modules/aurora-postgresql checks each, and instance_count)."
  }

  validation {
    condition     = !var.settings.postgres.deletion_protection || !var.settings.postgres.skip_final_snapshot
    error_message = "A deletion-protected cluster (settings.postgres.deletion_protection) must also keep a final snapshot (skip_final_snapshot = false)."
  }

  validation {
    condition     = var.settings.valkey.max_data_storage_gb >= 1 && var.settings.valkey.max_data_storage_gb <= 5000 && var.settings.valkey.max_ecpu_per_second >= 1000 && var.settings.valkey.max_ecpu_per_second <= 15000000
    error_message = "settings.valkey needs max_data_storage_gb of 1 to 5000 and max_ecpu_per_second of 1000 to 15000000 (the ElastiCache Serverless limits)."
  }
}

variable "availability_zones" {
  description = "Two or three Availability Zones of the Region, e.g. [\"eu-west-1a\", \"eu-west-1b\", \"eu-west-1c\"]."
  type        = list(string)

  validation {
    condition     = length(var.availability_zones) >= 2 && length(var.availability_zones) <= 3 && length(distinct(var.availability_zones)) == length(var.availability_zones)
    error_message = "availability_zones must name two or three different zones."
  }
}

variable "vpc_cidr" {
  description = "The VPC's IPv4 range (/20 or larger, checked by modules/network). Null: 10.40.0.0/16."
  type        = string
  default     = "10.40.0.0/16"
  nullable    = false
}

variable "image" {
  description = "The gateway image, pinned (ECR URI with a tag or digest, never :latest)."
  type        = string
}

variable "certificate_arn" {
  description = "ACM certificate for the gateway's HTTPS (gRPC) listener."
  type        = string
}

variable "allowed_cidr_blocks" {
  description = "Networks allowed to call the gateway (its load balancer is internal)."
  type        = list(string)
}

variable "files_bucket_name" {
  description = "Globally unique name of the files bucket."
  type        = string
}

variable "cors_allowed_origins" {
  description = "Frontend origins allowed to upload and download with presigned URLs, e.g. https://app.example.com. The same list as FILES_CORS_ALLOWED_ORIGINS of devstack and LocalStack."
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
  description = "ECS services of the gateway (see modules/gateway). Null: one ECS service per polystore service, sized by settings.service_defaults."
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

variable "accounts_endpoint" {
  description = "host:port at which services other than accounts reach its VerifyApiKey over TLS to verify workspace API keys: the gateway's name on its certificate, e.g. polystore.internal.example.com:443. Null: API keys work only in a service group that hosts accounts."
  type        = string
  default     = null

  validation {
    condition     = var.accounts_endpoint == null || can(regex("^[A-Za-z0-9.-]+:[0-9]{1,5}$", var.accounts_endpoint))
    error_message = "accounts_endpoint must be host:port."
  }
}

variable "backup" {
  description = "The daily exports (modules/backup, docs/backup.md): the backup bucket's name and the polystore-admin image. Null: none (a test environment); prod and staging set it."
  type = object({
    bucket_name = string
    admin_image = string
  })
  default = null
}
