# The services' tables, exactly as their V1 migrations create them:
#   services/activity/src/main/resources/cql/activity/V1__events.cql
#   services/files/src/main/resources/cql/files/V1__files.cql
# Declared only to turn on point-in-time recovery (and TTL, which the migrations turn on too) from
# the first day. The migrations stay the owner of the schema: Terraform ignores schema changes
# (lifecycle below), so a later migration that adds a column never makes Terraform replace a
# table. Keep this list in step when a migration adds a table (a new table not declared here gets
# PITR only if its migration enables it; docs/deploy.md, "Keyspaces: PITR and TTL").

# Not declared here: activity's events_by_day, events_by_type and event_ids. Their `attributes`
# column is frozen<map<text, text>>, and the AWS provider (5.x) accepts only flat column types
# (at most `map<text, text>`); declaring them unfrozen would change how the service writes them
# (collection tombstones on every insert). Their TTL is enabled by V1__events.cql; their PITR must
# come from a migration (docs/deploy.md gives the exact statements) or a one-off ALTER TABLE.

locals {
  tables = {
    # Counters cannot expire: no TTL on this table.
    "activity.daily_counts" = {
      keyspace        = "activity"
      name            = "daily_counts"
      ttl             = false
      columns         = { workspace_id = "uuid", month = "date", day = "date", type = "text", events = "counter" }
      partition_keys  = ["workspace_id", "month"]
      clustering_keys = [{ name = "day", order_by = "ASC" }, { name = "type", order_by = "ASC" }]
    }
    "files.files" = {
      keyspace = "files"
      name     = "files"
      ttl      = true
      columns = {
        file_id      = "uuid", workspace_id = "uuid", object_key = "text", filename = "text",
        content_type = "text", size_bytes = "bigint", sha256 = "text", status = "text",
        upload_id    = "text", part_size = "bigint", created_at = "timestamp", ready_at = "timestamp"
      }
      partition_keys  = ["file_id"]
      clustering_keys = []
    }
    "files.files_by_workspace" = {
      keyspace        = "files"
      name            = "files_by_workspace"
      ttl             = true
      columns         = { workspace_id = "uuid", created_at = "timestamp", file_id = "uuid" }
      partition_keys  = ["workspace_id"]
      clustering_keys = [{ name = "created_at", order_by = "DESC" }, { name = "file_id", order_by = "DESC" }]
    }
    "files.pending_uploads" = {
      keyspace = "files"
      name     = "pending_uploads"
      ttl      = true
      columns = {
        due_hour  = "timestamp", file_id = "uuid", workspace_id = "uuid", object_key = "text",
        upload_id = "text", expires_at = "timestamp"
      }
      partition_keys  = ["due_hour"]
      clustering_keys = [{ name = "file_id", order_by = "ASC" }]
    }
  }

  declared_tables = var.declare_tables ? { for k, t in local.tables : k => t if contains(var.keyspaces, t.keyspace) } : {}
}

resource "aws_keyspaces_table" "this" {
  for_each = local.declared_tables

  keyspace_name = aws_keyspaces_keyspace.this[each.value.keyspace].name
  table_name    = each.value.name

  schema_definition {
    dynamic "column" {
      for_each = each.value.columns
      content {
        name = column.key
        type = column.value
      }
    }

    dynamic "partition_key" {
      for_each = each.value.partition_keys
      content {
        name = partition_key.value
      }
    }

    dynamic "clustering_key" {
      for_each = each.value.clustering_keys
      content {
        name     = clustering_key.value.name
        order_by = clustering_key.value.order_by
      }
    }
  }

  capacity_specification {
    throughput_mode = "PAY_PER_REQUEST"
  }

  point_in_time_recovery {
    status = var.point_in_time_recovery ? "ENABLED" : "DISABLED"
  }

  dynamic "ttl" {
    for_each = each.value.ttl ? [1] : []
    content {
      status = "ENABLED"
    }
  }

  encryption_specification {
    type               = var.kms_key_arn == null ? "AWS_OWNED_KMS_KEY" : "CUSTOMER_MANAGED_KMS_KEY"
    kms_key_identifier = var.kms_key_arn
  }

  tags = var.tags

  lifecycle {
    # The migrations own the schema from here on (columns they add are not drift to undo).
    ignore_changes = [schema_definition]
  }
}
