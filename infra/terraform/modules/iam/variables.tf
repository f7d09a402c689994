variable "name_prefix" {
  description = "Prefix of role and policy names, e.g. polystore-prod. Roles are <prefix>-<service> (and <prefix>-group-<group> for groups hosting several services)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9-]{0,30}$", var.name_prefix))
    error_message = "name_prefix must be 1-31 letters, digits or hyphens, starting with a letter."
  }
}

variable "path" {
  description = "IAM path of the roles and policies."
  type        = string
  default     = "/polystore/"

  validation {
    condition     = can(regex("^/([A-Za-z0-9+=,.@_-]+/)*$", var.path))
    error_message = "path must start and end with a slash."
  }
}

variable "permissions_boundary_arn" {
  description = "Permissions boundary set on every role, if your organisation requires one."
  type        = string
  default     = null
}

variable "accounts" {
  description = "The accounts service's cluster: its ARN and resource id and the database login its tasks may use with rds-db:connect. Null: no accounts role."
  type = object({
    cluster_arn         = string
    cluster_resource_id = string
    db_username         = string
  })
  default = null

  validation {
    condition     = var.accounts == null || can(regex("^arn:aws[a-z-]*:rds:[a-z0-9-]+:[0-9]{12}:cluster:", try(var.accounts.cluster_arn, "")))
    error_message = "accounts.cluster_arn must be an RDS cluster ARN."
  }
}

variable "messenger" {
  description = "The messenger service's cluster, as for accounts. Null: no messenger role."
  type = object({
    cluster_arn         = string
    cluster_resource_id = string
    db_username         = string
  })
  default = null

  validation {
    condition     = var.messenger == null || can(regex("^arn:aws[a-z-]*:rds:[a-z0-9-]+:[0-9]{12}:cluster:", try(var.messenger.cluster_arn, "")))
    error_message = "messenger.cluster_arn must be an RDS cluster ARN."
  }
}

variable "activity" {
  description = "The activity service's keyspace ARN. Null: no activity role."
  type = object({
    keyspace_arn = string
  })
  default = null

  validation {
    condition     = var.activity == null || can(regex("^arn:aws[a-z-]*:cassandra:[a-z0-9-]+:[0-9]{12}:/keyspace/[a-z][a-z0-9_]*/$", try(var.activity.keyspace_arn, "")))
    error_message = "activity.keyspace_arn must be a keyspace ARN (arn:aws:cassandra:<region>:<account>:/keyspace/<name>/)."
  }
}

variable "files" {
  description = "The files service's bucket (with the prefix of its objects and its KMS key, if any) and keyspace. Null: no files role."
  type = object({
    bucket_arn    = string
    object_prefix = optional(string, "workspaces/")
    kms_key_arn   = optional(string)
    keyspace_arn  = string
  })
  default = null

  validation {
    condition = var.files == null || (
      can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9.-]+$", try(var.files.bucket_arn, ""))) &&
      can(regex("^arn:aws[a-z-]*:cassandra:[a-z0-9-]+:[0-9]{12}:/keyspace/[a-z][a-z0-9_]*/$", try(var.files.keyspace_arn, "")))
    )
    error_message = "files.bucket_arn must be a bucket ARN and files.keyspace_arn a keyspace ARN."
  }
}

variable "presence" {
  description = "The presence service's serverless cache ARN and the ARNs of its IAM-authenticated users. Null: no presence role."
  type = object({
    cache_arn = string
    user_arns = optional(list(string), [])
  })
  default = null

  validation {
    condition     = var.presence == null || can(regex("^arn:aws[a-z-]*:elasticache:[a-z0-9-]+:[0-9]{12}:serverlesscache:", try(var.presence.cache_arn, "")))
    error_message = "presence.cache_arn must be an ElastiCache serverless cache ARN."
  }
}

variable "event_bus" {
  description = "The serverless cache carrying the event bus (Valkey Streams, docs/architecture.md \"Events\"), its IAM-authenticated users, and the services that publish or consume there. Null: no service gets it."
  type = object({
    cache_arn = string
    user_arns = optional(list(string), [])
    services  = list(string)
  })
  default = null

  validation {
    condition     = var.event_bus == null || can(regex("^arn:aws[a-z-]*:elasticache:[a-z0-9-]+:[0-9]{12}:serverlesscache:", try(var.event_bus.cache_arn, "")))
    error_message = "event_bus.cache_arn must be an ElastiCache serverless cache ARN."
  }

  validation {
    condition     = var.event_bus == null || length(setsubtract(try(var.event_bus.services, []), ["accounts", "messenger", "activity", "files", "presence", "search"])) == 0
    error_message = "event_bus.services may name only polystore services."
  }
}

variable "search" {
  description = "The search service's Secrets Manager secret holding the turbopuffer API key (and its KMS key, if customer managed). Null: no search role."
  type = object({
    turbopuffer_secret_arn = string
    kms_key_arn            = optional(string)
  })
  default = null

  validation {
    condition     = var.search == null || can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:", try(var.search.turbopuffer_secret_arn, "")))
    error_message = "search.turbopuffer_secret_arn must be a Secrets Manager secret ARN."
  }
}

variable "service_groups" {
  description = "The gateway's ECS services: group name => the polystore services it hosts (its POLYSTORE_SERVICES). A group of one service uses that service's role; a group of several gets a role with each member's policy."
  type        = map(list(string))
  default     = {}

  validation {
    condition = alltrue([for g, services in var.service_groups :
      length(services) > 0 && alltrue([for s in services : contains(["accounts", "messenger", "activity", "files", "presence", "search"], s)])
    ])
    error_message = "Each group must list at least one of accounts, messenger, activity, files, presence, search."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
