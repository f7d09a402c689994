output "bucket_name" {
  description = "The bucket's name: the gateway's S3_BUCKET."
  value       = aws_s3_bucket.this.id
}

output "bucket_region" {
  description = "The bucket's region: the gateway's S3_REGION."
  value       = aws_s3_bucket.this.region
}

output "bucket_arn" {
  description = "The bucket's ARN, for the files service's IAM policy."
  value       = aws_s3_bucket.this.arn
}

output "object_prefix" {
  description = "Prefix of the service's objects, for the files service's IAM policy."
  value       = var.object_prefix
}

output "kms_key_arn" {
  description = "The KMS key encrypting objects, or null for SSE-S3."
  value       = var.kms_key_arn
}
