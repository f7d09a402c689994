# What an operator needs (docs/deploy.md); modules/polystore describes each.
output "gateway_variables" { value = module.polystore.gateway_variables }
output "gateway_environment" { value = module.polystore.gateway_environment }
output "gateway" { value = module.polystore.gateway }
output "postgres" { value = module.polystore.postgres }
output "task_role_arns" { value = module.polystore.task_role_arns }
output "backup" { value = module.polystore.backup }
