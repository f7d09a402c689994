output "bucket_name" {
  description = "The backup bucket."
  value       = aws_s3_bucket.this.bucket
}

output "bucket_arn" {
  description = "The backup bucket's ARN."
  value       = aws_s3_bucket.this.arn
}

output "kms_key_arn" {
  description = "The key the exports are encrypted with."
  value       = local.kms_key_arn
}

output "schedule_names" {
  description = "EventBridge Scheduler schedule per exported service."
  value       = { for s, x in aws_scheduler_schedule.export : s => x.name }
}

output "retention_days" {
  description = "Days an export is kept."
  value       = var.retention_days
}
