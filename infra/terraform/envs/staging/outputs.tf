# The gateway's environment variables, one output each, with the module output they come from.
# Secret ones are given as the ECS valueFrom (secret ARN and JSON key), never as values.

output "POSTGRES_WRITER_CONN" {
  description = "Per PostgreSQL service: valueFrom of POSTGRES_WRITER_CONN (module.aurora[svc].postgres_writer_conn_value_from)."
  value       = { for s in local.postgres_services : s => module.aurora[s].postgres_writer_conn_value_from }
}

output "POSTGRES_READER_CONN" {
  description = "Per PostgreSQL service: valueFrom of POSTGRES_READER_CONN (module.aurora[svc].postgres_reader_conn_value_from)."
  value       = { for s in local.postgres_services : s => module.aurora[s].postgres_reader_conn_value_from }
}

output "KEYSPACES_REGION" {
  description = "KEYSPACES_REGION of activity and files (module.keyspaces.keyspaces_region)."
  value       = module.keyspaces.keyspaces_region
}

output "VALKEY_URL" {
  description = "VALKEY_URL of presence (module.valkey.valkey_url)."
  value       = module.valkey.valkey_url
}

output "VALKEY_CLUSTER" {
  description = "VALKEY_CLUSTER of presence (module.valkey.valkey_cluster)."
  value       = module.valkey.valkey_cluster
}

output "S3_BUCKET" {
  description = "S3_BUCKET of files (module.files_bucket.bucket_name)."
  value       = module.files_bucket.bucket_name
}

output "S3_REGION" {
  description = "S3_REGION of files (module.files_bucket.bucket_region). S3_ENDPOINT stays unset in AWS."
  value       = module.files_bucket.bucket_region
}

output "VECTOR_BACKEND" {
  description = "VECTOR_BACKEND of search."
  value       = "turbopuffer"
}

output "TURBOPUFFER_API_KEY" {
  description = "valueFrom of TURBOPUFFER_API_KEY (the secret aws_secretsmanager_secret.turbopuffer; its value is put by the operator)."
  value       = aws_secretsmanager_secret.turbopuffer.arn
}

output "TURBOPUFFER_REGION" {
  description = "TURBOPUFFER_REGION of search."
  value       = var.turbopuffer_region
}

output "POLYSTORE_SERVICES" {
  description = "POLYSTORE_SERVICES of each ECS service (group)."
  value       = { for g, c in local.service_groups : g => join(",", c.services) }
}

output "gateway_environment" {
  description = "Per ECS service, the full plain environment and the injected secrets its containers get."
  value = { for g in keys(local.service_groups) : g => {
    environment = module.gateway.container_environment[g]
    secrets     = module.gateway.container_secrets[g]
  } }
}

output "gateway_endpoint" {
  description = "DNS name of the gateway's load balancer (gRPC over TLS on 443)."
  value       = module.gateway.load_balancer_dns_name
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
