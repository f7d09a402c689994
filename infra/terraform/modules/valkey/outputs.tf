output "valkey_url" {
  description = "The gateway's VALKEY_URL: rediss:// (TLS) to the primary endpoint."
  value       = "rediss://${aws_elasticache_serverless_cache.this.endpoint[0].address}:${aws_elasticache_serverless_cache.this.endpoint[0].port}"
}

output "valkey_cluster" {
  description = "The gateway's VALKEY_CLUSTER: a serverless cache always speaks the cluster protocol."
  value       = "true"
}

output "cache_arn" {
  description = "The serverless cache's ARN, for the presence service's elasticache:Connect."
  value       = aws_elasticache_serverless_cache.this.arn
}

output "user_arns" {
  description = "ARNs of the IAM-authenticated users (empty unless iam_auth_enabled)."
  value       = aws_elasticache_user.app[*].arn
}

output "user_id" {
  description = "The IAM-authenticated user's id and name (null unless iam_auth_enabled)."
  value       = var.iam_auth_enabled ? local.user_id : null
}

output "iam_environment" {
  description = "The gateway's IAM auth variables (VALKEY_IAM_AUTH, VALKEY_USER, VALKEY_IAM_CACHE_NAME, AWS_REGION); empty unless iam_auth_enabled."
  value = var.iam_auth_enabled ? {
    VALKEY_IAM_AUTH       = "true"
    VALKEY_USER           = local.user_id
    VALKEY_IAM_CACHE_NAME = aws_elasticache_serverless_cache.this.name
    AWS_REGION            = data.aws_region.current.name
  } : {}
}

output "reader_endpoint" {
  description = "Reader endpoint (host:port), for clients that read from replicas."
  value       = "${aws_elasticache_serverless_cache.this.reader_endpoint[0].address}:${aws_elasticache_serverless_cache.this.reader_endpoint[0].port}"
}

output "security_group_id" {
  description = "The cache's security group."
  value       = aws_security_group.this.id
}
