output "role_arns" {
  description = "Task role ARN of each service."
  value       = { for s, r in aws_iam_role.service : s => r.arn }
}

output "role_names" {
  description = "Task role name of each service."
  value       = { for s, r in aws_iam_role.service : s => r.name }
}

output "policy_arns" {
  description = "Policy ARN of each service."
  value       = { for s, p in aws_iam_policy.service : s => p.arn }
}

output "policy_documents" {
  description = "Policy JSON of each service (what each role may do)."
  value       = local.policies
}

output "group_task_role_arns" {
  description = "Task role ARN of each gateway group in service_groups: the service's own role for a one-service group, a role holding each member's policy otherwise."
  value = { for g, services in var.service_groups : g =>
    length(services) > 1 ? aws_iam_role.group[g].arn : aws_iam_role.service[services[0]].arn
  }
}
