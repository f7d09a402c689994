# The gateway's environment variables, one output each, with the module output they come from
# (and all of them in gateway_variables). Secret ones are given as the ECS valueFrom (secret ARN
# and JSON key), never as values.

locals {
  gateway_variables = merge({
    POSTGRES_WRITER_CONN = { for s in local.postgres_services : s => module.aurora[s].postgres_writer_conn_value_from }
    POSTGRES_READER_CONN = { for s in local.postgres_services : s => module.aurora[s].postgres_reader_conn_value_from }
    KEYSPACES_REGION     = module.keyspaces.keyspaces_region
    VALKEY_URL           = module.valkey.valkey_url
    VALKEY_CLUSTER       = module.valkey.valkey_cluster
    S3_BUCKET            = module.files_bucket.bucket_name
    S3_REGION            = module.files_bucket.bucket_region
    VECTOR_BACKEND       = "turbopuffer"
    TURBOPUFFER_API_KEY  = aws_secretsmanager_secret.turbopuffer.arn
    TURBOPUFFER_REGION   = var.turbopuffer_region
    POLYSTORE_SERVICES   = { for g, c in local.service_groups : g => join(",", c.services) }
  }, module.valkey.iam_environment) # VALKEY_IAM_*: only with settings.valkey.iam_auth
}

output "POSTGRES_WRITER_CONN" {
  description = "Per PostgreSQL service: valueFrom of POSTGRES_WRITER_CONN (module.aurora[svc].postgres_writer_conn_value_from)."
  value       = local.gateway_variables.POSTGRES_WRITER_CONN
}

output "POSTGRES_READER_CONN" {
  description = "Per PostgreSQL service: valueFrom of POSTGRES_READER_CONN (module.aurora[svc].postgres_reader_conn_value_from)."
  value       = local.gateway_variables.POSTGRES_READER_CONN
}

output "KEYSPACES_REGION" {
  description = "KEYSPACES_REGION of activity and files (module.keyspaces.keyspaces_region)."
  value       = local.gateway_variables.KEYSPACES_REGION
}

output "VALKEY_URL" {
  description = "VALKEY_URL of presence (module.valkey.valkey_url)."
  value       = local.gateway_variables.VALKEY_URL
}

output "VALKEY_CLUSTER" {
  description = "VALKEY_CLUSTER of presence (module.valkey.valkey_cluster)."
  value       = local.gateway_variables.VALKEY_CLUSTER
}

output "S3_BUCKET" {
  description = "S3_BUCKET of files (module.files_bucket.bucket_name)."
  value       = local.gateway_variables.S3_BUCKET
}

output "S3_REGION" {
  description = "S3_REGION of files (module.files_bucket.bucket_region). S3_ENDPOINT stays unset in AWS."
  value       = local.gateway_variables.S3_REGION
}

output "VECTOR_BACKEND" {
  description = "VECTOR_BACKEND of search."
  value       = local.gateway_variables.VECTOR_BACKEND
}

output "TURBOPUFFER_API_KEY" {
  description = "valueFrom of TURBOPUFFER_API_KEY (the secret aws_secretsmanager_secret.turbopuffer; its value is put by the operator)."
  value       = local.gateway_variables.TURBOPUFFER_API_KEY
}

output "TURBOPUFFER_REGION" {
  description = "TURBOPUFFER_REGION of search."
  value       = local.gateway_variables.TURBOPUFFER_REGION
}

output "POLYSTORE_SERVICES" {
  description = "POLYSTORE_SERVICES of each ECS service (group)."
  value       = local.gateway_variables.POLYSTORE_SERVICES
}

output "gateway_variables" {
  description = "All of the above in one object, keyed by the gateway variable's name."
  value       = local.gateway_variables
}

output "gateway_environment" {
  description = "Per ECS service, the full plain environment and the injected secrets its containers get."
  value = { for g in keys(local.service_groups) : g => {
    environment = module.gateway.container_environment[g]
    secrets     = module.gateway.container_secrets[g]
  } }
}

output "gateway" {
  description = "The gateway for operators: load balancer DNS name (gRPC over TLS on 443) and zone id (for a Route 53 alias), ECS cluster and its services per group, log groups per group."
  value = {
    endpoint        = module.gateway.load_balancer_dns_name
    zone_id         = module.gateway.load_balancer_zone_id
    cluster_name    = module.gateway.cluster_name
    service_names   = module.gateway.service_names
    log_group_names = module.gateway.log_group_names
  }
}

output "postgres" {
  description = "Per PostgreSQL service: endpoints, secrets and protection, for operators."
  value = { for s in local.postgres_services : s => {
    writer_endpoint         = module.aurora[s].writer_endpoint
    reader_endpoint         = module.aurora[s].reader_endpoint
    master_user_secret_arn  = module.aurora[s].master_user_secret_arn
    connection_secret_arn   = module.aurora[s].connection_secret_arn
    writer_conn_template    = module.aurora[s].postgres_writer_conn_template
    reader_conn_template    = module.aurora[s].postgres_reader_conn_template
    backup_retention_period = module.aurora[s].backup_retention_period
    deletion_protection     = module.aurora[s].deletion_protection
  } }
}

output "task_role_arns" {
  description = "Task role of each polystore service."
  value       = module.iam.role_arns
}

output "backup" {
  description = "The backup bucket, its key and the daily export schedules; null without var.backup."
  value = var.backup == null ? null : {
    bucket_name    = module.backup[0].bucket_name
    kms_key_arn    = module.backup[0].kms_key_arn
    retention_days = module.backup[0].retention_days
    schedule_names = module.backup[0].schedule_names
  }
}
