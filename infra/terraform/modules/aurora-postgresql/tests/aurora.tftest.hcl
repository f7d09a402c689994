# Offline: the AWS provider is mocked, nothing reaches AWS.
mock_provider "aws" {
  mock_resource "aws_rds_cluster" {
    defaults = {
      arn                 = "arn:aws:rds:eu-west-1:111122223333:cluster:polystore-test-accounts"
      cluster_resource_id = "cluster-ABCDEFGHIJKLMNOP"
      endpoint            = "polystore-test-accounts.cluster-abc.eu-west-1.rds.amazonaws.com"
      reader_endpoint     = "polystore-test-accounts.cluster-ro-abc.eu-west-1.rds.amazonaws.com"
      port                = 5432
      master_user_secret = [{
        secret_arn    = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:rds!cluster-abc-123456"
        secret_status = "active"
        kms_key_id    = "arn:aws:kms:eu-west-1:111122223333:key/aws-managed"
      }]
    }
  }
  mock_resource "aws_secretsmanager_secret" {
    defaults = {
      arn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:polystore-test-accounts/gateway-connection-AbCdEf"
    }
  }
  mock_resource "aws_security_group" {
    defaults = {
      id = "sg-0123456789abcdef0"
    }
  }
}

variables {
  name                       = "polystore-test-accounts"
  database_name              = "accounts"
  app_username               = "polystore_accounts"
  vpc_id                     = "vpc-0123456789abcdef0"
  subnet_ids                 = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"]
  allowed_security_group_ids = ["sg-0fedcba9876543210"]
}

run "defaults_are_production_safe" {
  command = apply

  assert {
    condition     = aws_rds_cluster.this.backup_retention_period >= 30
    error_message = "Backups (point-in-time restore) must be kept at least 30 days."
  }

  assert {
    condition     = aws_rds_cluster.this.deletion_protection == true && aws_rds_cluster.this.skip_final_snapshot == false
    error_message = "By default the cluster is protected from deletion and leaves a final snapshot."
  }

  assert {
    condition     = aws_rds_cluster.this.storage_encrypted == true
    error_message = "Storage must be encrypted."
  }

  assert {
    condition     = aws_rds_cluster.this.manage_master_user_password == true && aws_rds_cluster.this.master_password == null
    error_message = "The master password must be managed by RDS in Secrets Manager, never set by Terraform."
  }

  assert {
    condition     = aws_rds_cluster.this.engine == "aurora-postgresql" && aws_rds_cluster.this.engine_mode == "provisioned" && length(aws_rds_cluster.this.serverlessv2_scaling_configuration) == 1
    error_message = "The cluster must be Aurora PostgreSQL Serverless v2."
  }

  assert {
    condition     = alltrue([for i in aws_rds_cluster_instance.this : i.instance_class == "db.serverless" && i.publicly_accessible == false])
    error_message = "Instances must be Serverless v2 and private."
  }

  assert {
    condition     = length(aws_rds_cluster_instance.this) == 2
    error_message = "By default the cluster has a writer and a reader."
  }

  assert {
    condition     = anytrue([for p in aws_rds_cluster_parameter_group.this.parameter : p.name == "shared_preload_libraries" && strcontains(p.value, "pg_stat_statements")])
    error_message = "The parameter group must preload pg_stat_statements."
  }

  assert {
    condition     = anytrue([for p in aws_rds_cluster_parameter_group.this.parameter : p.name == "rds.force_ssl" && p.value == "1"])
    error_message = "The cluster must refuse connections without TLS."
  }

  assert {
    condition     = [for r in aws_vpc_security_group_ingress_rule.postgres : r.referenced_security_group_id] == ["sg-0fedcba9876543210"]
    error_message = "Only the gateway's security group may reach PostgreSQL."
  }
}

run "outputs_feed_the_gateway" {
  command = apply

  assert {
    condition     = output.postgres_writer_conn_value_from == "arn:aws:secretsmanager:eu-west-1:111122223333:secret:polystore-test-accounts/gateway-connection-AbCdEf:POSTGRES_WRITER_CONN::"
    error_message = "postgres_writer_conn_value_from must pick the POSTGRES_WRITER_CONN key of the connection secret."
  }

  assert {
    condition     = endswith(output.postgres_reader_conn_value_from, ":POSTGRES_READER_CONN::")
    error_message = "postgres_reader_conn_value_from must pick the POSTGRES_READER_CONN key of the connection secret."
  }

  assert {
    condition     = output.postgres_writer_conn_template == "postgresql://polystore_accounts:PASSWORD@polystore-test-accounts.cluster-abc.eu-west-1.rds.amazonaws.com:5432/accounts?sslmode=verify-full&sslrootcert=/etc/ssl/rds/global-bundle.pem"
    error_message = "The writer URL template must name the writer endpoint, the service's database and verify-full against the image's RDS CA bundle."
  }

  assert {
    condition     = strcontains(output.postgres_reader_conn_template, "cluster-ro-abc")
    error_message = "The reader URL template must name the reader endpoint."
  }

  assert {
    condition     = output.master_user_secret_arn != null && output.cluster_resource_id == "cluster-ABCDEFGHIJKLMNOP"
    error_message = "The master secret ARN and the cluster resource id must be outputs."
  }
}

run "backups_shorter_than_30_days_are_refused" {
  command = plan

  variables {
    backup_retention_period = 7
  }

  expect_failures = [var.backup_retention_period]
}

run "global_database_on_request" {
  command = plan

  variables {
    create_global_cluster     = true
    global_cluster_identifier = "polystore-accounts-global"
  }

  assert {
    condition     = length(aws_rds_global_cluster.this) == 1 && aws_rds_global_cluster.this[0].global_cluster_identifier == "polystore-accounts-global"
    error_message = "create_global_cluster must create the global database from this cluster."
  }
}
