# The gateway on ECS Fargate behind an ALB that speaks gRPC: one ECS service per group of
# polystore services (POLYSTORE_SERVICES), one target group per ECS service, one listener rule
# per gRPC service. See README.md for why Fargate.

locals {
  grpc_port = 9090

  grpc_services = {
    accounts  = "polystore.accounts.v1.AccountsService"
    messenger = "polystore.messenger.v1.MessengerService"
    activity  = "polystore.activity.v1.ActivityService"
    files     = "polystore.files.v1.FilesService"
    presence  = "polystore.presence.v1.PresenceService"
    search    = "polystore.search.v1.SearchService"
  }
  service_order = keys(local.grpc_services)

  group_of = merge([for g, c in var.service_groups : { for s in c.services : s => g }]...)

  environment = { for g, c in var.service_groups : g => merge(
    var.common_environment,
    merge([for s in c.services : lookup(var.service_environment, s, {})]...),
    c.environment,
    {
      POLYSTORE_SERVICES      = join(",", c.services)
      SPRING_GRPC_SERVER_PORT = tostring(local.grpc_port)
    },
  ) }

  secrets = { for g, c in var.service_groups : g => merge([for s in c.services : lookup(var.service_secrets, s, {})]...) }

  # arn:aws:secretsmanager:<region>:<account>:secret:<name> from a valueFrom that may end in :key::
  secret_arns = { for g, m in local.secrets : g => distinct([for v in values(m) : join(":", slice(split(":", v), 0, 7))]) }

  # <account>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag|@digest] -> the repository's ARN.
  ecr = regex("^(?:(?P<account>[0-9]{12})\\.dkr\\.ecr\\.(?P<region>[a-z0-9-]+)\\.amazonaws\\.com/(?P<repository>[^:@]+))?", var.image)
  ecr_repository_arn = local.ecr.account == null ? null : format("arn:%s:ecr:%s:%s:repository/%s",
    startswith(local.ecr.region, "cn-") ? "aws-cn" : (startswith(local.ecr.region, "us-gov-") ? "aws-us-gov" : "aws"),
  local.ecr.region, local.ecr.account, local.ecr.repository)
}

data "aws_region" "current" {}

resource "aws_ecs_cluster" "this" {
  name = var.name

  setting {
    name  = "containerInsights"
    value = var.container_insights ? "enabled" : "disabled"
  }

  tags = var.tags
}

resource "aws_ecs_cluster_capacity_providers" "this" {
  cluster_name       = aws_ecs_cluster.this.name
  capacity_providers = ["FARGATE", "FARGATE_SPOT"]

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE"
    base              = 1
    weight            = 1
  }
}

resource "aws_cloudwatch_log_group" "this" {
  for_each = var.service_groups

  name              = "/ecs/${var.name}/${each.key}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.log_kms_key_arn
  tags              = var.tags
}

# --- network -----------------------------------------------------------------------------------

resource "aws_security_group" "alb" {
  name        = "${var.name}-gateway-alb"
  description = "${var.name}: gRPC over TLS from the allowed networks"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-gateway-alb" })
}

resource "aws_vpc_security_group_ingress_rule" "alb_https" {
  for_each = toset(var.allowed_cidr_blocks)

  security_group_id = aws_security_group.alb.id
  description       = "gRPC over TLS"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = each.value
}

resource "aws_vpc_security_group_egress_rule" "alb_to_tasks" {
  security_group_id            = aws_security_group.alb.id
  description                  = "To the gateway's tasks"
  ip_protocol                  = "tcp"
  from_port                    = local.grpc_port
  to_port                      = local.grpc_port
  referenced_security_group_id = aws_security_group.tasks.id
}

resource "aws_security_group" "tasks" {
  name        = "${var.name}-gateway-tasks"
  description = "${var.name}: the gateway's tasks"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-gateway-tasks" })
}

resource "aws_vpc_security_group_ingress_rule" "tasks_from_alb" {
  security_group_id            = aws_security_group.tasks.id
  description                  = "gRPC from the load balancer"
  ip_protocol                  = "tcp"
  from_port                    = local.grpc_port
  to_port                      = local.grpc_port
  referenced_security_group_id = aws_security_group.alb.id
}

# Stores (Aurora, Valkey), AWS APIs (Keyspaces, S3, Secrets Manager, ECR, CloudWatch) and turbopuffer.
resource "aws_vpc_security_group_egress_rule" "tasks_out" {
  security_group_id = aws_security_group.tasks.id
  description       = "Stores and APIs"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

# --- load balancer -----------------------------------------------------------------------------

resource "aws_lb" "this" {
  name                       = "${var.name}-gateway"
  load_balancer_type         = "application"
  internal                   = var.internal
  subnets                    = var.load_balancer_subnet_ids
  security_groups            = [aws_security_group.alb.id]
  idle_timeout               = var.idle_timeout_seconds
  drop_invalid_header_fields = true
  enable_http2               = true
  tags                       = var.tags
}

resource "aws_lb_target_group" "this" {
  for_each = var.service_groups

  name                 = substr("${var.name}-${each.key}", 0, 32)
  vpc_id               = var.vpc_id
  target_type          = "ip"
  port                 = local.grpc_port
  protocol             = "HTTP"
  protocol_version     = "GRPC"
  deregistration_delay = var.deregistration_delay_seconds

  # grpc.health.v1: the ALB sends Check with an empty service name (the server as a whole) and
  # expects gRPC status 0 (OK); each service's own status is served under its full name.
  health_check {
    enabled             = true
    protocol            = "HTTP"
    port                = "traffic-port"
    path                = "/grpc.health.v1.Health/Check"
    matcher             = "0"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  tags = merge(var.tags, { "polystore:services" = join(".", each.value.services) })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.ssl_policy
  certificate_arn   = var.certificate_arn

  # A method of no known service: HTTP 404, which gRPC clients see as UNIMPLEMENTED.
  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      message_body = "no such gRPC service"
      status_code  = "404"
    }
  }

  tags = var.tags
}

# One rule per gRPC service: /<package>.<Service>/* goes to the group hosting it.
resource "aws_lb_listener_rule" "service" {
  for_each = local.group_of

  listener_arn = aws_lb_listener.https.arn
  priority     = 100 + index(local.service_order, each.key)

  condition {
    path_pattern {
      values = ["/${local.grpc_services[each.key]}/*"]
    }
  }

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this[each.value].arn
  }

  tags = var.tags
}

# --- execution roles: what ECS itself needs to start a group's tasks ---------------------------

resource "aws_iam_role" "execution" {
  for_each = var.service_groups

  name        = "${var.name}-exec-${each.key}"
  description = "ECS task execution role of the gateway group ${each.key}: pull, logs, its own secrets"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = var.tags
}

resource "aws_iam_role_policy" "execution" {
  for_each = var.service_groups

  name = "pull-logs-secrets"
  role = aws_iam_role.execution[each.key].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [for st in [
      {
        Sid      = "EcrToken"
        Effect   = "Allow"
        Action   = ["ecr:GetAuthorizationToken"]
        Resource = ["*"]
        keep     = local.ecr_repository_arn != null
      },
      {
        Sid      = "EcrPull"
        Effect   = "Allow"
        Action   = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]
        Resource = [coalesce(local.ecr_repository_arn, "-")]
        keep     = local.ecr_repository_arn != null
      },
      {
        Sid      = "OwnLogs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = ["${aws_cloudwatch_log_group.this[each.key].arn}:*"]
        keep     = true
      },
      {
        Sid      = "OwnSecrets"
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue"]
        Resource = local.secret_arns[each.key]
        keep     = length(local.secret_arns[each.key]) > 0
      },
      {
        Sid      = "SecretKeys"
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = var.secret_kms_key_arns
        keep     = length(local.secret_arns[each.key]) > 0 && length(var.secret_kms_key_arns) > 0
      },
    ] : { for k, v in st : k => v if k != "keep" } if st.keep]
  })
}

# --- tasks and services ------------------------------------------------------------------------

resource "aws_ecs_task_definition" "this" {
  for_each = var.service_groups

  family                   = "${var.name}-${each.key}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = tostring(each.value.cpu)
  memory                   = tostring(each.value.memory)
  execution_role_arn       = aws_iam_role.execution[each.key].arn
  task_role_arn            = var.task_role_arns[each.key]

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  container_definitions = jsonencode([{
    name        = "gateway"
    image       = var.image
    essential   = true
    stopTimeout = 30
    portMappings = [{
      name          = "grpc"
      containerPort = local.grpc_port
      protocol      = "tcp"
      appProtocol   = "grpc"
    }]
    environment = [for k in sort(keys(local.environment[each.key])) : { name = k, value = local.environment[each.key][k] }]
    secrets     = [for k in sort(keys(local.secrets[each.key])) : { name = k, valueFrom = local.secrets[each.key][k] }]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.this[each.key].name
        awslogs-region        = data.aws_region.current.name
        awslogs-stream-prefix = each.key
      }
    }
  }])

  tags = var.tags
}

resource "aws_ecs_service" "this" {
  for_each = var.service_groups

  name                              = each.key
  cluster                           = aws_ecs_cluster.this.id
  task_definition                   = aws_ecs_task_definition.this[each.key].arn
  desired_count                     = each.value.desired_count
  health_check_grace_period_seconds = var.health_check_grace_period_seconds
  propagate_tags                    = "SERVICE"
  enable_execute_command            = false
  wait_for_steady_state             = false

  # Rolling deploys keep full capacity: old and new releases run side by side (DESIGN.md).
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  capacity_provider_strategy {
    capacity_provider = "FARGATE"
    base              = 1
    weight            = 1
  }

  dynamic "capacity_provider_strategy" {
    for_each = var.fargate_spot_weight > 0 ? [var.fargate_spot_weight] : []
    content {
      capacity_provider = "FARGATE_SPOT"
      weight            = capacity_provider_strategy.value
    }
  }

  network_configuration {
    subnets          = var.task_subnet_ids
    security_groups  = [aws_security_group.tasks.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.this[each.key].arn
    container_name   = "gateway"
    container_port   = local.grpc_port
  }

  tags = merge(var.tags, { "polystore:services" = join(".", each.value.services) })

  lifecycle {
    # Autoscaling owns the count once the service runs.
    ignore_changes = [desired_count]
  }

  depends_on = [aws_lb_listener_rule.service, aws_ecs_cluster_capacity_providers.this]
}

resource "aws_appautoscaling_target" "this" {
  for_each = var.service_groups

  service_namespace  = "ecs"
  resource_id        = "service/${aws_ecs_cluster.this.name}/${aws_ecs_service.this[each.key].name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = each.value.min_count
  max_capacity       = each.value.max_count
}

resource "aws_appautoscaling_policy" "cpu" {
  for_each = var.service_groups

  name               = "${var.name}-${each.key}-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this[each.key].service_namespace
  resource_id        = aws_appautoscaling_target.this[each.key].resource_id
  scalable_dimension = aws_appautoscaling_target.this[each.key].scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = each.value.cpu_target
    scale_in_cooldown  = 300
    scale_out_cooldown = 60

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}
