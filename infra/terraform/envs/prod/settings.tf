# What makes this environment prod: modules/polystore (variable settings) describes each setting.
locals {
  environment = "prod"
  name        = "polystore-prod"

  settings = {
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

    # Each ECS service when service_groups is null (one per polystore service).
    service_defaults = { cpu = 1024, memory = 2048, desired_count = 2, min_count = 2, max_count = 20 }
  }
}
