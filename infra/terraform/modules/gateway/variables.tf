variable "name" {
  description = "Name prefix of the gateway's resources, e.g. polystore-prod (at most 20 characters: target group names are limited to 32)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,19}$", var.name))
    error_message = "name must be 1-20 lower-case letters, digits or hyphens, starting with a letter."
  }
}

variable "image" {
  description = "The gateway's container image (one image for every service), pinned by tag or digest, e.g. 111122223333.dkr.ecr.eu-west-1.amazonaws.com/polystore-gateway:1.4.0."
  type        = string

  validation {
    condition     = can(regex("^[^\\s]+(:[A-Za-z0-9_.-]+|@sha256:[0-9a-f]{64})$", var.image)) && !endswith(var.image, ":latest")
    error_message = "image must name a tag or digest other than latest."
  }
}

variable "cpu_architecture" {
  description = "CPU architecture of the tasks (the image must be built for it): X86_64 or ARM64 (Graviton, about 20% cheaper)."
  type        = string
  default     = "X86_64"

  validation {
    condition     = contains(["X86_64", "ARM64"], var.cpu_architecture)
    error_message = "cpu_architecture must be X86_64 or ARM64."
  }
}

variable "vpc_id" {
  description = "VPC of the load balancer and the tasks."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id must be a VPC id (vpc-...)."
  }
}

variable "load_balancer_subnet_ids" {
  description = "Subnets of the load balancer: private ones for an internal load balancer, public ones otherwise."
  type        = list(string)

  validation {
    condition     = length(var.load_balancer_subnet_ids) >= 2 && alltrue([for s in var.load_balancer_subnet_ids : can(regex("^subnet-[0-9a-f]+$", s))])
    error_message = "load_balancer_subnet_ids must hold at least two subnet ids."
  }
}

variable "task_subnet_ids" {
  description = "Private subnets of the tasks (egress through NAT or VPC endpoints: Keyspaces, turbopuffer, ECR, CloudWatch)."
  type        = list(string)

  validation {
    condition     = length(var.task_subnet_ids) >= 2 && alltrue([for s in var.task_subnet_ids : can(regex("^subnet-[0-9a-f]+$", s))])
    error_message = "task_subnet_ids must hold at least two subnet ids."
  }
}

variable "internal" {
  description = "An internal load balancer (the gRPC APIs serve internal clients; DESIGN.md)."
  type        = bool
  default     = true
}

variable "allowed_cidr_blocks" {
  description = "Networks allowed to call the gateway on 443."
  type        = list(string)

  validation {
    condition     = length(var.allowed_cidr_blocks) > 0 && alltrue([for c in var.allowed_cidr_blocks : can(cidrhost(c, 0))])
    error_message = "allowed_cidr_blocks must hold at least one IPv4 CIDR."
  }
}

variable "certificate_arn" {
  description = "ACM certificate of the HTTPS listener (gRPC through an ALB needs HTTPS)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/", var.certificate_arn))
    error_message = "certificate_arn must be an ACM certificate ARN."
  }
}

variable "ssl_policy" {
  description = "TLS policy of the HTTPS listener."
  type        = string
  default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"
}

variable "idle_timeout_seconds" {
  description = "Load balancer idle timeout: longer than the longest quiet moment of a streaming call."
  type        = number
  default     = 300

  validation {
    condition     = var.idle_timeout_seconds >= 1 && var.idle_timeout_seconds <= 4000
    error_message = "idle_timeout_seconds must be 1 to 4000."
  }
}

variable "service_groups" {
  description = <<-EOT
    The ECS services: group name => what it hosts and how it scales. `services` becomes the
    group's POLYSTORE_SERVICES. A group hosts at most one PostgreSQL service (accounts or
    messenger), since POSTGRES_WRITER_CONN names one cluster per process.
  EOT
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

  validation {
    condition     = length(var.service_groups) > 0 && alltrue([for g, c in var.service_groups : can(regex("^[a-z][a-z0-9-]{0,10}$", g))])
    error_message = "service_groups needs at least one group; group names are 1-11 lower-case letters, digits or hyphens."
  }

  validation {
    condition = alltrue([for g, c in var.service_groups : length(c.services) > 0 && alltrue([
      for s in c.services : contains(["accounts", "messenger", "activity", "files", "presence", "search"], s)
    ])])
    error_message = "Each group hosts at least one of accounts, messenger, activity, files, presence, search."
  }

  validation {
    condition     = length(flatten([for g, c in var.service_groups : c.services])) == length(distinct(flatten([for g, c in var.service_groups : c.services])))
    error_message = "A service may be hosted by one group only (the load balancer routes each service to one target group)."
  }

  validation {
    condition     = alltrue([for g, c in var.service_groups : length(setintersection(c.services, ["accounts", "messenger"])) <= 1])
    error_message = "A group may host at most one of accounts and messenger: each has its own cluster and a process has one POSTGRES_WRITER_CONN."
  }

  validation {
    condition = alltrue([for g, c in var.service_groups :
      contains([256, 512, 1024, 2048, 4096, 8192, 16384], c.cpu) && c.memory >= 512 && c.memory <= 122880 &&
      c.min_count >= 1 && c.min_count <= c.desired_count && c.desired_count <= c.max_count &&
      c.cpu_target >= 10 && c.cpu_target <= 90
    ])
    error_message = "Each group needs a Fargate cpu (256 to 16384), memory of 512 to 122880 MiB, 1 <= min_count <= desired_count <= max_count and a cpu_target of 10 to 90."
  }
}

variable "common_environment" {
  description = "Environment variables every container gets (e.g. GRPC_HANDLER_THREADS)."
  type        = map(string)
  default     = {}
}

variable "service_environment" {
  description = "Plain environment variables per polystore service (from the store modules' outputs); a group's container gets those of the services it hosts."
  type        = map(map(string))
  default     = {}
}

variable "service_secrets" {
  description = "Secret environment variables per polystore service: variable => Secrets Manager ARN (optionally `:json-key::`). ECS injects them; only the group's execution role may read them."
  type        = map(map(string))
  default     = {}

  validation {
    condition     = alltrue(flatten([for s, m in var.service_secrets : [for k, v in m : can(regex("^arn:aws[a-z-]*:secretsmanager:", v))]]))
    error_message = "service_secrets values must be Secrets Manager ARNs."
  }
}

variable "secret_kms_key_arns" {
  description = "Customer managed KMS keys of the injected secrets (empty when they use the AWS managed key)."
  type        = list(string)
  default     = []
}

variable "task_role_arns" {
  description = "Task role ARN per group (the iam module's group_task_role_arns)."
  type        = map(string)
}

variable "log_retention_days" {
  description = "Days the containers' CloudWatch logs are kept."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  }
}

variable "log_kms_key_arn" {
  description = "Customer managed KMS key for the log groups. Null: CloudWatch's own encryption."
  type        = string
  default     = null
}

variable "container_insights" {
  description = "CloudWatch Container Insights on the cluster (per-task metrics; billed as custom metrics)."
  type        = bool
  default     = true
}

variable "fargate_spot_weight" {
  description = "Share of tasks above each group's base of one on-demand task that run on Fargate Spot (0: none; staging may use Spot)."
  type        = number
  default     = 0

  validation {
    condition     = var.fargate_spot_weight >= 0 && var.fargate_spot_weight <= 10
    error_message = "fargate_spot_weight must be 0 to 10 (relative to 1 for on-demand)."
  }
}

variable "health_check_grace_period_seconds" {
  description = "Time a new task has before load balancer health checks count (migrations run at start-up)."
  type        = number
  default     = 120
}

variable "deregistration_delay_seconds" {
  description = "Time a stopping task keeps serving calls in flight."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
