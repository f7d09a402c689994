output "load_balancer_dns_name" {
  description = "DNS name of the load balancer; point the gRPC clients' host name (matching the certificate) at it."
  value       = aws_lb.this.dns_name
}

output "load_balancer_zone_id" {
  description = "Hosted zone of the load balancer, for a Route 53 alias record."
  value       = aws_lb.this.zone_id
}

output "load_balancer_arn" {
  description = "The load balancer's ARN."
  value       = aws_lb.this.arn
}

output "cluster_name" {
  description = "The ECS cluster's name."
  value       = aws_ecs_cluster.this.name
}

output "service_names" {
  description = "ECS service name per group."
  value       = { for g, s in aws_ecs_service.this : g => s.name }
}

output "target_group_arns" {
  description = "Target group ARN per group."
  value       = { for g, t in aws_lb_target_group.this : g => t.arn }
}

output "task_security_group_id" {
  description = "Security group of the tasks: the stores admit it."
  value       = aws_security_group.tasks.id
}

output "log_group_names" {
  description = "CloudWatch log group per group."
  value       = { for g, l in aws_cloudwatch_log_group.this : g => l.name }
}

output "execution_role_arns" {
  description = "Task execution role per group."
  value       = { for g, r in aws_iam_role.execution : g => r.arn }
}

output "container_environment" {
  description = "Per group, the plain environment variables its containers get (POLYSTORE_SERVICES, SPRING_GRPC_SERVER_PORT and the stores' settings)."
  value       = local.environment
}

output "container_secrets" {
  description = "Per group, the environment variables ECS injects from Secrets Manager (variable => valueFrom)."
  value       = local.secrets
}

output "cluster_arn" {
  description = "The ECS cluster's ARN (scheduled tasks, such as the backup exports, run on it)."
  value       = aws_ecs_cluster.this.arn
}
