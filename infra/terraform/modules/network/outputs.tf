output "vpc_id" {
  description = "The VPC's id."
  value       = aws_vpc.this.id
}

output "public_subnet_ids" {
  description = "Public subnets, one per zone (load balancer, NAT)."
  value       = [for az in var.availability_zones : aws_subnet.public[az].id]
}

output "private_subnet_ids" {
  description = "Private subnets, one per zone (tasks, Aurora, Valkey)."
  value       = [for az in var.availability_zones : aws_subnet.private[az].id]
}
