output "cluster_identifier" {
  description = "The cluster's identifier."
  value       = aws_rds_cluster.this.cluster_identifier
}

output "cluster_arn" {
  description = "The cluster's ARN."
  value       = aws_rds_cluster.this.arn
}

output "cluster_resource_id" {
  description = "The cluster's resource id (cluster-...), for rds-db:connect policies."
  value       = aws_rds_cluster.this.cluster_resource_id
}

output "writer_endpoint" {
  description = "Writer endpoint host; the host of POSTGRES_WRITER_CONN."
  value       = aws_rds_cluster.this.endpoint
}

output "reader_endpoint" {
  description = "Reader endpoint host (balanced over the readers); the host of POSTGRES_READER_CONN."
  value       = aws_rds_cluster.this.reader_endpoint
}

output "port" {
  description = "PostgreSQL port."
  value       = aws_rds_cluster.this.port
}

output "database_name" {
  description = "The service's database."
  value       = var.database_name
}

output "app_username" {
  description = "The gateway's login."
  value       = var.app_username
}

output "master_user_secret_arn" {
  description = "Secrets Manager secret of the master user (managed and rotated by RDS); for operators, never given to the gateway."
  value       = try(aws_rds_cluster.this.master_user_secret[0].secret_arn, null)
}

output "connection_secret_arn" {
  description = "Secret holding the gateway's connection URLs (JSON keys POSTGRES_WRITER_CONN and POSTGRES_READER_CONN)."
  value       = aws_secretsmanager_secret.connection.arn
}

output "postgres_writer_conn_value_from" {
  description = "ECS `valueFrom` for the gateway's POSTGRES_WRITER_CONN."
  value       = "${aws_secretsmanager_secret.connection.arn}:POSTGRES_WRITER_CONN::"
}

output "postgres_reader_conn_value_from" {
  description = "ECS `valueFrom` for the gateway's POSTGRES_READER_CONN."
  value       = "${aws_secretsmanager_secret.connection.arn}:POSTGRES_READER_CONN::"
}

output "postgres_writer_conn_template" {
  description = "POSTGRES_WRITER_CONN without its password, the form the connection secret holds (PASSWORD to be replaced, URL-encoded)."
  value       = "postgresql://${var.app_username}:PASSWORD@${aws_rds_cluster.this.endpoint}:${aws_rds_cluster.this.port}/${var.database_name}?${local.ssl_parameter}"
}

output "postgres_reader_conn_template" {
  description = "POSTGRES_READER_CONN without its password."
  value       = "postgresql://${var.app_username}:PASSWORD@${aws_rds_cluster.this.reader_endpoint}:${aws_rds_cluster.this.port}/${var.database_name}?${local.ssl_parameter}"
}

output "security_group_id" {
  description = "The cluster's security group."
  value       = aws_security_group.this.id
}

output "backup_retention_period" {
  description = "Days of backups (point-in-time restore window)."
  value       = aws_rds_cluster.this.backup_retention_period
}

output "global_cluster_identifier" {
  description = "The global database this cluster belongs to, or null."
  value       = var.create_global_cluster ? aws_rds_global_cluster.this[0].id : var.global_cluster_identifier
}

output "deletion_protection" {
  description = "Whether the cluster refuses deletion."
  value       = aws_rds_cluster.this.deletion_protection
}
