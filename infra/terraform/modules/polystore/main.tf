# polystore in one AWS account and Region: network, the stores, least-privilege roles and the
# gateway. Each environment (envs/<env>) calls this module once with its settings.

locals {
  postgres_services = toset(["accounts", "messenger"])
  services          = ["accounts", "messenger", "activity", "files", "presence", "search"]

  # Without service_groups: one ECS service per polystore service, sized by the settings.
  default_service_groups = {
    for s in local.services : s => merge(var.settings.service_defaults, { services = [s], environment = {} })
  }
  service_groups = coalesce(var.service_groups, local.default_service_groups)
}

module "network" {
  source = "../network"

  name               = var.name
  cidr_block         = var.vpc_cidr
  availability_zones = var.availability_zones
  single_nat_gateway = var.settings.single_nat_gateway
}

module "aurora" {
  source   = "../aurora-postgresql"
  for_each = local.postgres_services

  name                       = "${var.name}-${each.key}"
  database_name              = each.key
  app_username               = "polystore_${each.key}"
  vpc_id                     = module.network.vpc_id
  subnet_ids                 = module.network.private_subnet_ids
  allowed_security_group_ids = [module.gateway.task_security_group_id]
  min_capacity               = var.settings.postgres.min_capacity
  max_capacity               = var.settings.postgres.max_capacity
  instance_count             = var.settings.postgres.instance_count
  backup_retention_period    = 30
  deletion_protection        = var.settings.postgres.deletion_protection
  skip_final_snapshot        = var.settings.postgres.skip_final_snapshot
  kms_key_arn                = var.kms_key_arn
}

module "keyspaces" {
  source = "../keyspaces"

  keyspaces              = ["activity", "files"]
  declare_tables         = true
  point_in_time_recovery = true
  kms_key_arn            = var.kms_key_arn
}

module "valkey" {
  source = "../valkey"

  name                       = "${var.name}-presence"
  vpc_id                     = module.network.vpc_id
  subnet_ids                 = slice(module.network.private_subnet_ids, 0, min(3, length(module.network.private_subnet_ids)))
  allowed_security_group_ids = [module.gateway.task_security_group_id]
  max_data_storage_gb        = var.settings.valkey.max_data_storage_gb
  max_ecpu_per_second        = var.settings.valkey.max_ecpu_per_second
  iam_auth_enabled           = var.settings.valkey.iam_auth
  kms_key_arn                = var.kms_key_arn
}

module "files_bucket" {
  source = "../s3"

  bucket_name          = var.files_bucket_name
  cors_allowed_origins = var.cors_allowed_origins
  kms_key_arn          = var.kms_key_arn
  force_destroy        = var.settings.force_destroy_files
}

# The search service's turbopuffer API key. Terraform creates the secret, never its value:
# `aws secretsmanager put-secret-value` puts the key (docs/deploy.md), so it stays out of state.
resource "aws_secretsmanager_secret" "turbopuffer" {
  name        = "${var.name}/turbopuffer-api-key"
  description = "polystore search: the turbopuffer API key (TURBOPUFFER_API_KEY)"
  kms_key_id  = var.kms_key_arn
}

# Who may call the gateway (docs/security.md): service principals as `<name> <sha256> <scopes>`
# lines, and the bootstrap admin token's SHA-256. Digests only, never a token; Terraform creates
# the secrets, never their values (`aws secretsmanager put-secret-value`, docs/deploy.md).
resource "aws_secretsmanager_secret" "service_tokens" {
  name        = "${var.name}/service-tokens"
  description = "polystore gateway: service principals, one '<name> <sha256 of token> <scopes>' per line (POLYSTORE_SERVICE_TOKENS)"
  kms_key_id  = var.kms_key_arn
}

# The token each gateway presents to accounts to verify workspace API keys; its digest belongs in
# service-tokens with the scope keys:verify.
resource "aws_secretsmanager_secret" "gateway_token" {
  name        = "${var.name}/gateway-token"
  description = "polystore gateway: its own token for accounts' VerifyApiKey (POLYSTORE_ACCOUNTS_TOKEN)"
  kms_key_id  = var.kms_key_arn
}

resource "aws_secretsmanager_secret" "admin_token_sha256" {
  name        = "${var.name}/admin-token-sha256"
  description = "polystore gateway: SHA-256 (hex) of the bootstrap admin token (POLYSTORE_ADMIN_TOKEN_SHA256)"
  kms_key_id  = var.kms_key_arn
}

module "iam" {
  source = "../iam"

  name_prefix = var.name
  accounts = {
    cluster_arn         = module.aurora["accounts"].cluster_arn
    cluster_resource_id = module.aurora["accounts"].cluster_resource_id
    db_username         = module.aurora["accounts"].app_username
  }
  messenger = {
    cluster_arn         = module.aurora["messenger"].cluster_arn
    cluster_resource_id = module.aurora["messenger"].cluster_resource_id
    db_username         = module.aurora["messenger"].app_username
  }
  activity = {
    keyspace_arn = module.keyspaces.keyspace_arns["activity"]
  }
  files = {
    bucket_arn    = module.files_bucket.bucket_arn
    object_prefix = module.files_bucket.object_prefix
    kms_key_arn   = var.kms_key_arn
    keyspace_arn  = module.keyspaces.keyspace_arns["files"]
  }
  presence = {
    cache_arn = module.valkey.cache_arn
    user_arns = module.valkey.user_arns
  }
  search = {
    turbopuffer_secret_arn = aws_secretsmanager_secret.turbopuffer.arn
    kms_key_arn            = var.kms_key_arn
  }
  service_groups = { for g, c in local.service_groups : g => c.services }
}

locals {
  # Services other than accounts verify API keys by asking accounts (docs/security.md).
  remote_keys_environment = var.accounts_endpoint == null ? {} : {
    POLYSTORE_ACCOUNTS_TARGET = var.accounts_endpoint
    POLYSTORE_ACCOUNTS_TLS    = "true"
  }
  remote_keys_secrets = var.accounts_endpoint == null ? {} : {
    POLYSTORE_ACCOUNTS_TOKEN = aws_secretsmanager_secret.gateway_token.arn
  }

  # Each gateway variable and where its value comes from: one store module output each.
  store_environment = {
    activity = {
      KEYSPACES_REGION = module.keyspaces.keyspaces_region
    }
    files = {
      KEYSPACES_REGION = module.keyspaces.keyspaces_region
      S3_BUCKET        = module.files_bucket.bucket_name
      S3_REGION        = module.files_bucket.bucket_region
    }
    presence = merge({
      VALKEY_URL     = module.valkey.valkey_url
      VALKEY_CLUSTER = module.valkey.valkey_cluster
    }, module.valkey.iam_environment)
    search = {
      VECTOR_BACKEND     = "turbopuffer"
      TURBOPUFFER_REGION = var.turbopuffer_region
    }
  }

  service_environment = { for s in local.services : s => merge(lookup(local.store_environment, s, {}),
  s == "accounts" ? {} : local.remote_keys_environment) }

  store_secrets = merge(
    { for s in local.postgres_services : s => {
      POSTGRES_WRITER_CONN = module.aurora[s].postgres_writer_conn_value_from
      POSTGRES_READER_CONN = module.aurora[s].postgres_reader_conn_value_from
    } },
    {
      search = { TURBOPUFFER_API_KEY = aws_secretsmanager_secret.turbopuffer.arn }
    },
  )
  # Every service authenticates its callers with the same principals.
  auth_secrets = {
    POLYSTORE_SERVICE_TOKENS     = aws_secretsmanager_secret.service_tokens.arn
    POLYSTORE_ADMIN_TOKEN_SHA256 = aws_secretsmanager_secret.admin_token_sha256.arn
  }
  service_secrets = { for s in local.services : s => merge(lookup(local.store_secrets, s, {}), local.auth_secrets,
  s == "accounts" ? {} : local.remote_keys_secrets) }
}

module "gateway" {
  source = "../gateway"

  name                     = var.name
  image                    = var.image
  vpc_id                   = module.network.vpc_id
  load_balancer_subnet_ids = module.network.private_subnet_ids
  task_subnet_ids          = module.network.private_subnet_ids
  internal                 = true
  allowed_cidr_blocks      = var.allowed_cidr_blocks
  certificate_arn          = var.certificate_arn
  service_groups           = local.service_groups
  service_environment      = local.service_environment
  service_secrets          = local.service_secrets
  secret_kms_key_arns      = var.kms_key_arn == null ? [] : [var.kms_key_arn]
  task_role_arns           = module.iam.group_task_role_arns
  log_retention_days       = var.settings.log_retention_days
  fargate_spot_weight      = var.settings.fargate_spot_weight
}

# Daily logical exports of each PostgreSQL service's database, beside Aurora's own 30 days of
# point-in-time restore (docs/backup.md). The tasks run in the gateway's security group, which the
# clusters admit, with the same connection settings as the service.
module "backup" {
  source = "../backup"
  count  = var.backup == null ? 0 : 1

  name                = var.name
  bucket_name         = var.backup.bucket_name
  admin_image         = var.backup.admin_image
  kms_key_arn         = var.kms_key_arn
  cluster_arn         = module.gateway.cluster_arn
  subnet_ids          = module.network.private_subnet_ids
  security_group_ids  = [module.gateway.task_security_group_id]
  secret_kms_key_arns = var.kms_key_arn == null ? [] : [var.kms_key_arn]
  force_destroy       = var.settings.force_destroy_files
  exports = { for s in local.postgres_services : s => {
    environment = local.service_environment[s]
    secrets     = local.store_secrets[s]
  } }
}
