# Offline: the AWS provider is mocked, nothing reaches AWS.
mock_provider "aws" {
  mock_data "aws_region" {
    defaults = {
      name = "eu-west-1"
    }
  }
}

run "tables_match_the_migrations_with_pitr_and_ttl" {
  command = plan

  assert {
    condition     = toset(keys(aws_keyspaces_keyspace.this)) == toset(["activity", "files"])
    error_message = "The activity and files keyspaces must be created."
  }

  assert {
    condition = toset(keys(aws_keyspaces_table.this)) == toset([
      "activity.daily_counts", "files.files", "files.files_by_workspace", "files.pending_uploads",
    ])
    error_message = "Every table of the V1 migrations that the provider can express must be declared."
  }

  assert {
    condition     = alltrue([for t in aws_keyspaces_table.this : t.point_in_time_recovery[0].status == "ENABLED"])
    error_message = "Point-in-time recovery must be enabled on every table."
  }

  assert {
    condition     = alltrue([for k, t in aws_keyspaces_table.this : k == "activity.daily_counts" || [for x in t.ttl : x.status] == ["ENABLED"]])
    error_message = "TTL must be enabled on every table whose migration enables it."
  }

  assert {
    condition     = length(aws_keyspaces_table.this["activity.daily_counts"].ttl) == 0
    error_message = "The counter table takes no TTL."
  }

  assert {
    condition     = alltrue([for t in aws_keyspaces_table.this : t.capacity_specification[0].throughput_mode == "PAY_PER_REQUEST"])
    error_message = "Tables must be on-demand."
  }

  assert {
    condition     = output.keyspaces_region == "eu-west-1"
    error_message = "keyspaces_region (KEYSPACES_REGION) must be an output."
  }
}

run "keyspaces_only" {
  command = plan

  variables {
    keyspaces      = ["activity"]
    declare_tables = false
  }

  assert {
    condition     = length(aws_keyspaces_table.this) == 0 && keys(aws_keyspaces_keyspace.this) == ["activity"]
    error_message = "declare_tables = false must declare no table."
  }
}

run "tables_follow_the_keyspaces" {
  command = plan

  variables {
    keyspaces = ["files"]
  }

  assert {
    condition     = alltrue([for k in keys(aws_keyspaces_table.this) : startswith(k, "files.")])
    error_message = "Only the tables of the listed keyspaces are declared."
  }
}

run "unknown_keyspace_is_refused" {
  command = plan

  variables {
    keyspaces = ["activity", "accounts"]
  }

  expect_failures = [var.keyspaces]
}
