# Amazon Keyspaces: the services' keyspaces (and, optionally, their tables; see tables.tf).
# Keyspaces is regional and serverless: no network, no capacity to size (on-demand tables).

data "aws_region" "current" {}

resource "aws_keyspaces_keyspace" "this" {
  for_each = var.keyspaces

  name = each.value
  tags = var.tags
}
