# The operator's values (terraform.tfvars). Types, descriptions and checks: modules/polystore.
variable "region" { type = string }
variable "availability_zones" { type = list(string) }
variable "vpc_cidr" { default = null }
variable "image" { type = string }
variable "certificate_arn" { type = string }
variable "allowed_cidr_blocks" { type = list(string) }
variable "files_bucket_name" { type = string }
variable "cors_allowed_origins" { type = list(string) }
variable "turbopuffer_region" { type = string }
variable "service_groups" { default = null }
variable "kms_key_arn" { default = null }
variable "extra_tags" { default = {} }
variable "backup_bucket_name" { type = string }
variable "admin_image" { type = string }
