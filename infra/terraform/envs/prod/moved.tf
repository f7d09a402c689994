# Before modules/polystore the environment composed the modules itself: these keep the state of
# an environment applied then (nothing is replaced). Remove once every copy of it has applied.
moved {
  from = module.network
  to   = module.polystore.module.network
}

moved {
  from = module.aurora
  to   = module.polystore.module.aurora
}

moved {
  from = module.keyspaces
  to   = module.polystore.module.keyspaces
}

moved {
  from = module.valkey
  to   = module.polystore.module.valkey
}

moved {
  from = module.files_bucket
  to   = module.polystore.module.files_bucket
}

moved {
  from = aws_secretsmanager_secret.turbopuffer
  to   = module.polystore.aws_secretsmanager_secret.turbopuffer
}

moved {
  from = module.iam
  to   = module.polystore.module.iam
}

moved {
  from = module.gateway
  to   = module.polystore.module.gateway
}
