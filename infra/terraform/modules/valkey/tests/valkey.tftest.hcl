# Offline: the AWS provider is mocked, nothing reaches AWS.
mock_provider "aws" {
  mock_data "aws_region" {
    defaults = {
      name = "eu-west-1"
    }
  }
  mock_resource "aws_elasticache_serverless_cache" {
    defaults = {
      arn             = "arn:aws:elasticache:eu-west-1:111122223333:serverlesscache:polystore-test-presence"
      endpoint        = [{ address = "polystore-test-presence-abc.serverless.euw1.cache.amazonaws.com", port = 6379 }]
      reader_endpoint = [{ address = "polystore-test-presence-abc.serverless.euw1.cache.amazonaws.com", port = 6380 }]
    }
  }
  mock_resource "aws_security_group" {
    defaults = {
      id = "sg-0123456789abcdef0"
    }
  }
}

variables {
  name                       = "polystore-test-presence"
  vpc_id                     = "vpc-0123456789abcdef0"
  subnet_ids                 = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"]
  allowed_security_group_ids = ["sg-0fedcba9876543210"]
  max_data_storage_gb        = 2
  max_ecpu_per_second        = 5000
}

run "serverless_valkey_with_limits_and_tls" {
  command = apply

  assert {
    condition     = aws_elasticache_serverless_cache.this.engine == "valkey"
    error_message = "The cache must run Valkey."
  }

  assert {
    condition     = aws_elasticache_serverless_cache.this.cache_usage_limits[0].data_storage[0].maximum == 2 && aws_elasticache_serverless_cache.this.cache_usage_limits[0].ecpu_per_second[0].maximum == 5000
    error_message = "Data storage and ECPU limits must come from the variables."
  }

  assert {
    condition     = output.valkey_url == "rediss://polystore-test-presence-abc.serverless.euw1.cache.amazonaws.com:6379" && output.valkey_cluster == "true"
    error_message = "VALKEY_URL must be rediss:// (TLS) to the primary endpoint and VALKEY_CLUSTER true."
  }

  assert {
    condition     = [for r in aws_vpc_security_group_ingress_rule.valkey : r.referenced_security_group_id] == ["sg-0fedcba9876543210"]
    error_message = "Only the gateway's security group may reach the cache."
  }

  assert {
    condition     = aws_elasticache_serverless_cache.this.user_group_id == null && length(output.user_arns) == 0
    error_message = "Without iam_auth_enabled no user group is attached."
  }

  assert {
    condition     = length(output.iam_environment) == 0
    error_message = "Without iam_auth_enabled the gateway gets no IAM settings."
  }
}

run "iam_auth_user" {
  command = plan

  variables {
    iam_auth_enabled = true
  }

  assert {
    condition     = aws_elasticache_user.app[0].authentication_mode[0].type == "iam" && aws_elasticache_user.default[0].access_string == "off -@all"
    error_message = "The app user must authenticate with IAM and the default user be disabled."
  }

  assert {
    condition = output.iam_environment == tomap({
      VALKEY_IAM_AUTH       = "true"
      VALKEY_USER           = "polystore-test-presence-app"
      VALKEY_IAM_CACHE_NAME = "polystore-test-presence"
      AWS_REGION            = "eu-west-1"
    })
    error_message = "The gateway's IAM settings must name the IAM user, the cache and its region."
  }
}

run "ecpu_below_minimum_is_refused" {
  command = plan

  variables {
    max_ecpu_per_second = 10
  }

  expect_failures = [var.max_ecpu_per_second]
}
