# What makes this environment prod. main.tf is the same file in every environment.
locals {
  environment = "prod"
  name        = "polystore-prod"

  postgres = {
    min_capacity        = 1
    max_capacity        = 32
    instance_count      = 2
    deletion_protection = true
    skip_final_snapshot = false
  }

  valkey = {
    max_data_storage_gb = 10
    max_ecpu_per_second = 50000
  }

  single_nat_gateway  = false
  fargate_spot_weight = 0
  log_retention_days  = 90
  force_destroy_files = false

  default_service_groups = {
    for s in ["accounts", "messenger", "activity", "files", "presence", "search"] : s => {
      services   = [s], cpu = 1024, memory = 2048, desired_count = 2, min_count = 2, max_count = 20
      cpu_target = 60, environment = {}
    }
  }
}
