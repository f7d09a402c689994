# Offline: the AWS provider is mocked, nothing reaches AWS. Every store gets a distinct, realistic
# ARN so that the assertions can tell one service's resources from another's.
mock_provider "aws" {}

variables {
  name_prefix = "polystore-test"
  accounts = {
    cluster_arn         = "arn:aws:rds:eu-west-1:111122223333:cluster:polystore-test-accounts"
    cluster_resource_id = "cluster-ACCOUNTSACCOUNTS"
    db_username         = "polystore_accounts"
  }
  messenger = {
    cluster_arn         = "arn:aws:rds:eu-west-1:111122223333:cluster:polystore-test-messenger"
    cluster_resource_id = "cluster-MESSENGERMESSENGER"
    db_username         = "polystore_messenger"
  }
  activity = {
    keyspace_arn = "arn:aws:cassandra:eu-west-1:111122223333:/keyspace/activity/"
  }
  files = {
    bucket_arn   = "arn:aws:s3:::polystore-test-files"
    keyspace_arn = "arn:aws:cassandra:eu-west-1:111122223333:/keyspace/files/"
  }
  presence = {
    cache_arn = "arn:aws:elasticache:eu-west-1:111122223333:serverlesscache:polystore-test-presence"
    user_arns = ["arn:aws:elasticache:eu-west-1:111122223333:user:polystore-test-presence-app"]
  }
  event_bus = {
    cache_arn = "arn:aws:elasticache:eu-west-1:111122223333:serverlesscache:polystore-test-events"
    user_arns = ["arn:aws:elasticache:eu-west-1:111122223333:user:polystore-test-events-app"]
    services  = ["accounts", "messenger", "activity", "files", "search"]
  }
  search = {
    turbopuffer_secret_arn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:polystore-test/turbopuffer-AbCdEf"
  }
  service_groups = {
    accounts = ["accounts"]
    realtime = ["presence", "activity"]
  }
}

run "each_role_reaches_only_its_own_store" {
  command = plan

  assert {
    condition     = toset(keys(output.policy_documents)) == toset(["accounts", "messenger", "activity", "files", "presence", "search"])
    error_message = "Every service must have its own policy."
  }

  # Nothing but its own resources: no wildcard resource, no other service's ARN or name.
  assert {
    condition = alltrue([for s, doc in output.policy_documents : alltrue([
      for st in jsondecode(doc).Statement : !contains(st.Resource, "*")
    ])])
    error_message = "No policy may grant an action on every resource (\"*\")."
  }

  assert {
    condition = alltrue([for s, doc in output.policy_documents : alltrue([
      for other in setsubtract(["accounts", "messenger", "activity", "files", "presence", "search"], [s]) :
      !strcontains(doc, "polystore-test-${other}") && !strcontains(doc, "/keyspace/${other}/") && !strcontains(lower(doc), "${other}${other}") && !strcontains(doc, "polystore_${other}")
    ])])
    error_message = "A service's policy names another service's cluster, keyspace, bucket, cache or secret."
  }

  assert {
    condition = alltrue([for s, doc in output.policy_documents : alltrue([
      for st in jsondecode(doc).Statement : st.Effect == "Allow" && alltrue([for a in st.Action : !endswith(a, ":*")])
    ])])
    error_message = "No policy may grant a whole service's actions (\"svc:*\")."
  }

  assert {
    condition     = [for st in jsondecode(output.policy_documents["accounts"]).Statement : st.Resource if st.Sid != "EventBus"] == [["arn:aws:rds-db:eu-west-1:111122223333:dbuser:cluster-ACCOUNTSACCOUNTS/polystore_accounts"]]
    error_message = "accounts may connect only as its own login to its own cluster."
  }

  assert {
    condition     = [for st in jsondecode(output.policy_documents["messenger"]).Statement : st.Resource if st.Sid != "EventBus"] == [["arn:aws:rds-db:eu-west-1:111122223333:dbuser:cluster-MESSENGERMESSENGER/polystore_messenger"]]
    error_message = "messenger may connect only as its own login to its own cluster."
  }

  assert {
    condition = toset(flatten([for st in jsondecode(output.policy_documents["activity"]).Statement : st.Resource if st.Sid != "EventBus"])) == toset([
      "arn:aws:cassandra:eu-west-1:111122223333:/keyspace/activity/",
      "arn:aws:cassandra:eu-west-1:111122223333:/keyspace/activity/table/*",
      "arn:aws:cassandra:eu-west-1:111122223333:/keyspace/system*",
    ])
    error_message = "activity may reach only its keyspace (and read the system keyspaces)."
  }

  assert {
    condition = toset(flatten([for st in jsondecode(output.policy_documents["files"]).Statement : st.Resource if st.Sid != "EventBus"])) == toset([
      "arn:aws:s3:::polystore-test-files/workspaces/*",
      "arn:aws:s3:::polystore-test-files",
      "arn:aws:cassandra:eu-west-1:111122223333:/keyspace/files/",
      "arn:aws:cassandra:eu-west-1:111122223333:/keyspace/files/table/*",
      "arn:aws:cassandra:eu-west-1:111122223333:/keyspace/system*",
    ])
    error_message = "files may reach only its bucket's prefix and its keyspace."
  }

  assert {
    condition = jsondecode(output.policy_documents["presence"]).Statement == [{
      Sid      = "OwnCache"
      Effect   = "Allow"
      Action   = ["elasticache:Connect"]
      Resource = ["arn:aws:elasticache:eu-west-1:111122223333:serverlesscache:polystore-test-presence", "arn:aws:elasticache:eu-west-1:111122223333:user:polystore-test-presence-app"]
    }]
    error_message = "presence may only connect to its cache as its user."
  }

  assert {
    condition     = flatten([for st in jsondecode(output.policy_documents["search"]).Statement : st.Resource if st.Sid != "EventBus"]) == ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:polystore-test/turbopuffer-AbCdEf"]
    error_message = "search may read only the turbopuffer secret (beside the event bus)."
  }

  assert {
    condition = alltrue([for s in ["accounts", "messenger", "activity", "files", "search"] : contains(jsondecode(output.policy_documents[s]).Statement, {
      Sid      = "EventBus"
      Effect   = "Allow"
      Action   = ["elasticache:Connect"]
      Resource = ["arn:aws:elasticache:eu-west-1:111122223333:serverlesscache:polystore-test-events", "arn:aws:elasticache:eu-west-1:111122223333:user:polystore-test-events-app"]
    })])
    error_message = "Every service on the event bus may connect to its cache as its user, and only there."
  }

  assert {
    condition     = alltrue([for r in aws_iam_role.service : jsondecode(r.assume_role_policy).Statement[0].Principal.Service == "ecs-tasks.amazonaws.com"])
    error_message = "Only ECS tasks may assume the service roles."
  }

  assert {
    condition     = toset([for k, a in aws_iam_role_policy_attachment.group : k]) == toset(["realtime/presence", "realtime/activity"])
    error_message = "A multi-service group's role must carry exactly its members' policies."
  }
}

run "only_configured_services_get_roles" {
  command = plan

  variables {
    accounts       = null
    messenger      = null
    files          = null
    search         = null
    service_groups = {}
  }

  assert {
    condition     = toset(keys(aws_iam_role.service)) == toset(["activity", "presence"])
    error_message = "Roles only for the services configured."
  }
}

run "unknown_service_in_group_is_refused" {
  command = plan

  variables {
    service_groups = { everything = ["accounts", "billing"] }
  }

  expect_failures = [var.service_groups]
}
