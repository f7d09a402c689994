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
    condition = (
      var.settings.postgres.min_capacity >= 0 && var.settings.postgres.min_capacity <= var.settings.postgres.max_capacity &&
      var.settings.postgres.max_capacity <= 256 && var.settings.postgres.instance_count >= 1 && var.settings.postgres.instance_count <= 16
    )
    error_message = "settings.postgres needs 0 <= min_capacity <= max_capacity <= 256 (ACUs) and 1 to 16 instances."
  }

  validation {
    condition     = !var.settings.postgres.deletion_protection || !var.settings.postgres.skip_final_snapshot
    error_message = "A deletion-protected cluster (settings.postgres.deletion_protection) must also keep a final snapshot (skip_final_snapshot = false)."
  }

  validation {
    condition     = var.settings.valkey.max_data_storage_gb >= 1 && var.settings.valkey.max_data_storage_gb <= 5000 && var.settings.valkey.max_ecpu_per_second >= 1000 && var.settings.valkey.max_ecpu_per_second <= 15000000
    error_message = "settings.valkey needs max_data_storage_gb of 1 to 5000 and max_ecpu_per_second of 1000 to 15000000 (the ElastiCache Serverless limits)."
  }

  validation {
    condition     = var.settings.fargate_spot_weight >= 0 && var.settings.fargate_spot_weight <= 10 && floor(var.settings.fargate_spot_weight) == var.settings.fargate_spot_weight
    error_message = "settings.fargate_spot_weight must be a whole number from 0 (on-demand only) to 10."
  }

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.settings.log_retention_days)
    error_message = "settings.log_retention_days must be a CloudWatch Logs retention (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653)."
  }

  validation {
    condition = (
      var.settings.service_defaults.min_count >= 1 && var.settings.service_defaults.min_count <= var.settings.service_defaults.desired_count &&
      var.settings.service_defaults.desired_count <= var.settings.service_defaults.max_count
    )
    error_message = "settings.service_defaults needs 1 <= min_count <= desired_count <= max_count."
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
  description = "The VPC's IPv4 range (/20 or larger). Null: 10.40.0.0/16."
  type        = string
  default     = "10.40.0.0/16"
  nullable    = false

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && tonumber(split("/", var.vpc_cidr)[1]) <= 20
    error_message = "vpc_cidr must be an IPv4 CIDR block of /20 or larger, such as 10.40.0.0/16."
  }
}

variable "image" {
  description = "The gateway image, pinned (ECR URI with a tag or digest, never :latest)."
  type        = string

  validation {
    condition     = can(regex("^[^\\s]+(:[A-Za-z0-9_.-]+|@sha256:[0-9a-f]{64})$", var.image)) && !endswith(var.image, ":latest")
    error_message = "image must carry a version tag or a digest, and not :latest."
  }
}

variable "certificate_arn" {
  description = "ACM certificate for the gateway's HTTPS (gRPC) listener."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/", var.certificate_arn))
    error_message = "certificate_arn must be an ACM certificate ARN."
  }
}

variable "allowed_cidr_blocks" {
  description = "Networks allowed to call the gateway (its load balancer is internal)."
  type        = list(string)

  validation {
    condition     = length(var.allowed_cidr_blocks) > 0 && alltrue([for c in var.allowed_cidr_blocks : can(cidrhost(c, 0))])
    error_message = "allowed_cidr_blocks needs at least one CIDR block."
  }
}

variable "files_bucket_name" {
  description = "Globally unique name of the files bucket."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.files_bucket_name)) && !can(regex("\\.\\.", var.files_bucket_name))
    error_message = "files_bucket_name must be a valid S3 bucket name (3-63 lower-case letters, digits, dots and hyphens)."
  }
}

variable "cors_allowed_origins" {
  description = "Frontend origins allowed to upload and download with presigned URLs, e.g. https://app.example.com."
  type        = list(string)

  validation {
    condition     = alltrue([for o in var.cors_allowed_origins : can(regex("^https?://[^/*\\s]+$", o))])
    error_message = "cors_allowed_origins must be origins (scheme://host[:port], no path or wildcard)."
  }
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

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", coalesce(var.kms_key_arn, "x")))
    error_message = "kms_key_arn must be a KMS key ARN or null."
  }
}
