# What makes this environment staging: modules/polystore (variable settings) describes each setting.
locals {
  environment = "staging"
  name        = "polystore-staging"

  settings = {
    postgres = {
      min_capacity        = 0.5
      max_capacity        = 4
      instance_count      = 1
      deletion_protection = false
      skip_final_snapshot = true
    }

    valkey = {
      max_data_storage_gb = 1
      max_ecpu_per_second = 5000
    }

    single_nat_gateway  = true
    fargate_spot_weight = 3
    log_retention_days  = 14
    force_destroy_files = true

    # Each ECS service when service_groups is null (one per polystore service).
    service_defaults = { cpu = 512, memory = 1024, desired_count = 1, min_count = 1, max_count = 4 }
  }
}
