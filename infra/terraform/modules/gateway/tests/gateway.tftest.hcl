# Offline: the AWS provider is mocked, nothing reaches AWS.
mock_provider "aws" {
  mock_data "aws_region" {
    defaults = {
      name = "eu-west-1"
    }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = {
      arn = "arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/polystore-test/group"
    }
  }
  mock_resource "aws_lb" {
    defaults = {
      arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/polystore-test-gateway/0123456789abcdef"
    }
  }
  mock_resource "aws_lb_listener" {
    defaults = {
      arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/polystore-test-gateway/0123456789abcdef/0123456789abcdef"
    }
  }
  mock_resource "aws_ecs_cluster" {
    defaults = {
      arn = "arn:aws:ecs:eu-west-1:111122223333:cluster/polystore-test"
    }
  }
  mock_resource "aws_security_group" {
    defaults = {
      id = "sg-0123456789abcdef0"
    }
  }
  mock_resource "aws_lb_target_group" {
    defaults = {
      arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/polystore-test/0123456789abcdef"
    }
  }
  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::111122223333:role/polystore-test-exec"
    }
  }
  mock_resource "aws_ecs_task_definition" {
    defaults = {
      arn = "arn:aws:ecs:eu-west-1:111122223333:task-definition/polystore-test:1"
    }
  }
}

variables {
  name                     = "polystore-test"
  image                    = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/polystore-gateway:1.0.0"
  vpc_id                   = "vpc-0123456789abcdef0"
  load_balancer_subnet_ids = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"]
  task_subnet_ids          = ["subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2"]
  allowed_cidr_blocks      = ["10.0.0.0/8"]
  certificate_arn          = "arn:aws:acm:eu-west-1:111122223333:certificate/00000000-0000-0000-0000-000000000000"
  service_groups = {
    accounts = { services = ["accounts"] }
    realtime = { services = ["presence", "activity"], cpu = 1024, memory = 2048, max_count = 20 }
    search   = { services = ["search"] }
  }
  common_environment = { GRPC_HANDLER_THREADS = "32" }
  service_environment = {
    activity = { KEYSPACES_REGION = "eu-west-1" }
    presence = { VALKEY_URL = "rediss://cache.example:6379", VALKEY_CLUSTER = "true" }
    search   = { VECTOR_BACKEND = "turbopuffer", TURBOPUFFER_REGION = "aws-eu-west-1" }
  }
  service_secrets = {
    accounts = {
      POSTGRES_WRITER_CONN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:polystore-test-accounts/gateway-connection-AbCdEf:POSTGRES_WRITER_CONN::"
      POSTGRES_READER_CONN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:polystore-test-accounts/gateway-connection-AbCdEf:POSTGRES_READER_CONN::"
    }
    search = {
      TURBOPUFFER_API_KEY = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:polystore-test/turbopuffer-GhIjKl"
    }
  }
  task_role_arns = {
    accounts = "arn:aws:iam::111122223333:role/polystore-test-accounts"
    realtime = "arn:aws:iam::111122223333:role/polystore-test-group-realtime"
    search   = "arn:aws:iam::111122223333:role/polystore-test-search"
  }
}

run "grpc_load_balancing_and_health_checks" {
  command = apply

  assert {
    condition     = alltrue([for t in aws_lb_target_group.this : t.protocol_version == "GRPC" && t.port == 9090 && t.target_type == "ip"])
    error_message = "Target groups must speak gRPC to port 9090 of the tasks."
  }

  assert {
    condition     = alltrue([for t in aws_lb_target_group.this : t.health_check[0].path == "/grpc.health.v1.Health/Check" && t.health_check[0].matcher == "0"])
    error_message = "Health checks must call grpc.health.v1 and expect gRPC status 0."
  }

  assert {
    condition     = aws_lb_listener.https.protocol == "HTTPS" && aws_lb_listener.https.port == 443 && aws_lb_listener.https.certificate_arn == var.certificate_arn
    error_message = "The listener must be HTTPS on 443 with the given certificate."
  }

  assert {
    condition = { for s, r in aws_lb_listener_rule.service : s => one(one(r.condition).path_pattern).values } == {
      accounts = toset(["/polystore.accounts.v1.AccountsService/*"])
      activity = toset(["/polystore.activity.v1.ActivityService/*"])
      presence = toset(["/polystore.presence.v1.PresenceService/*"])
      search   = toset(["/polystore.search.v1.SearchService/*"])
    }
    error_message = "Each hosted gRPC service must be routed by its path."
  }

  assert {
    condition     = length(aws_ecs_service.this) == 3 && alltrue([for s in aws_ecs_service.this : s.network_configuration[0].assign_public_ip == false])
    error_message = "One private ECS service per group."
  }

  assert {
    condition     = alltrue([for p in aws_appautoscaling_policy.cpu : p.target_tracking_scaling_policy_configuration[0].predefined_metric_specification[0].predefined_metric_type == "ECSServiceAverageCPUUtilization"])
    error_message = "Every group must scale on CPU."
  }

  assert {
    condition     = aws_appautoscaling_target.this["realtime"].max_capacity == 20 && aws_appautoscaling_target.this["accounts"].min_capacity == 2
    error_message = "Scaling bounds must come from the groups."
  }

  assert {
    condition     = alltrue([for l in aws_cloudwatch_log_group.this : l.retention_in_days == 30])
    error_message = "Logs go to CloudWatch with a retention."
  }
}

run "containers_get_their_groups_settings_only" {
  command = apply

  assert {
    condition = output.container_environment["realtime"] == {
      GRPC_HANDLER_THREADS    = "32"
      KEYSPACES_REGION        = "eu-west-1"
      VALKEY_URL              = "rediss://cache.example:6379"
      VALKEY_CLUSTER          = "true"
      POLYSTORE_SERVICES      = "presence,activity"
      SPRING_GRPC_SERVER_PORT = "9090"
    }
    error_message = "A group's container gets its services' settings, POLYSTORE_SERVICES and port 9090."
  }

  assert {
    condition     = toset(keys(output.container_secrets["accounts"])) == toset(["POSTGRES_READER_CONN", "POSTGRES_WRITER_CONN"]) && length(output.container_secrets["realtime"]) == 0
    error_message = "Secrets go only to the group whose service uses them."
  }

  assert {
    condition     = [for s in jsondecode(aws_ecs_task_definition.this["search"].container_definitions)[0].secrets : s.name] == ["TURBOPUFFER_API_KEY"]
    error_message = "The turbopuffer key must be injected from Secrets Manager."
  }

  assert {
    condition     = flatten([for st in jsondecode(aws_iam_role_policy.execution["accounts"].policy).Statement : st.Resource if st.Sid == "OwnSecrets"]) == ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:polystore-test-accounts/gateway-connection-AbCdEf"]
    error_message = "A group's execution role may read only the secrets its containers get."
  }

  assert {
    condition     = length([for st in jsondecode(aws_iam_role_policy.execution["realtime"].policy).Statement : st if st.Sid == "OwnSecrets"]) == 0
    error_message = "A group without secrets may read none."
  }

  assert {
    condition     = flatten([for st in jsondecode(aws_iam_role_policy.execution["search"].policy).Statement : st.Resource if st.Sid == "EcrPull"]) == ["arn:aws:ecr:eu-west-1:111122223333:repository/polystore-gateway"]
    error_message = "Execution roles pull only the gateway's repository."
  }

  assert {
    condition     = aws_ecs_task_definition.this["realtime"].task_role_arn == "arn:aws:iam::111122223333:role/polystore-test-group-realtime"
    error_message = "Each group runs with its own task role."
  }
}

run "two_postgres_services_in_one_group_are_refused" {
  command = plan

  variables {
    service_groups = { core = { services = ["accounts", "messenger"] } }
    task_role_arns = { core = "arn:aws:iam::111122223333:role/x" }
  }

  expect_failures = [var.service_groups]
}

run "latest_tag_is_refused" {
  command = plan

  variables {
    image = "polystore/gateway:latest"
  }

  expect_failures = [var.image]
}
