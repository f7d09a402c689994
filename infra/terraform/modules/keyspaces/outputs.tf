output "keyspaces_region" {
  description = "The Region of the keyspaces: the gateway's KEYSPACES_REGION (the driver connects to cassandra.<region>.amazonaws.com:9142 with SigV4)."
  value       = data.aws_region.current.name
}

output "keyspace_arns" {
  description = "Keyspace ARNs by name (arn:...:cassandra:<region>:<account>:/keyspace/<name>/), for the services' IAM policies."
  value       = { for k, v in aws_keyspaces_keyspace.this : k => v.arn }
}

output "keyspace_names" {
  description = "The keyspace names."
  value       = sort([for k in aws_keyspaces_keyspace.this : k.name])
}

output "declared_tables" {
  description = "The tables declared here (keyspace.table), with point-in-time recovery as configured."
  value       = sort(keys(aws_keyspaces_table.this))
}
