# The environment: modules/polystore with this environment's settings (settings.tf) and the
# operator's variables (terraform.tfvars).
module "polystore" {
  source = "../../modules/polystore"

  name                 = local.name
  settings             = local.settings
  availability_zones   = var.availability_zones
  vpc_cidr             = var.vpc_cidr
  image                = var.image
  certificate_arn      = var.certificate_arn
  allowed_cidr_blocks  = var.allowed_cidr_blocks
  files_bucket_name    = var.files_bucket_name
  cors_allowed_origins = var.cors_allowed_origins
  turbopuffer_region   = var.turbopuffer_region
  service_groups       = var.service_groups
  kms_key_arn          = var.kms_key_arn
  backup = {
    bucket_name = var.backup_bucket_name
    admin_image = var.admin_image
  }
}
