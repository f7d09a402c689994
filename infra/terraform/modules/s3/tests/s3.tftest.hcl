# Offline: the AWS provider is mocked, nothing reaches AWS.
mock_provider "aws" {
  mock_resource "aws_s3_bucket" {
    defaults = {
      id     = "polystore-test-files"
      arn    = "arn:aws:s3:::polystore-test-files"
      region = "eu-west-1"
    }
  }
}

variables {
  bucket_name          = "polystore-test-files"
  cors_allowed_origins = ["https://app.example.com"]
}

run "bucket_is_private_encrypted_and_versioned" {
  command = apply

  assert {
    condition = alltrue([
      aws_s3_bucket_public_access_block.this.block_public_acls,
      aws_s3_bucket_public_access_block.this.block_public_policy,
      aws_s3_bucket_public_access_block.this.ignore_public_acls,
      aws_s3_bucket_public_access_block.this.restrict_public_buckets,
    ])
    error_message = "The files bucket must block every kind of public access."
  }

  assert {
    condition     = aws_s3_bucket_ownership_controls.this.rule[0].object_ownership == "BucketOwnerEnforced"
    error_message = "ACLs must be disabled (BucketOwnerEnforced)."
  }

  assert {
    condition     = one([for r in aws_s3_bucket_server_side_encryption_configuration.this.rule : r.apply_server_side_encryption_by_default[0].sse_algorithm]) == "AES256"
    error_message = "Without a KMS key the bucket must use SSE-S3."
  }

  assert {
    condition     = aws_s3_bucket_versioning.this.versioning_configuration[0].status == "Enabled"
    error_message = "Versioning must be enabled."
  }

  assert {
    condition     = jsondecode(aws_s3_bucket_policy.this.policy).Statement[0].Effect == "Deny" && jsondecode(aws_s3_bucket_policy.this.policy).Statement[0].Condition.Bool["aws:SecureTransport"] == "false"
    error_message = "The bucket policy must refuse requests without TLS."
  }

  assert {
    condition     = !strcontains(aws_s3_bucket_policy.this.policy, "\"Allow\"")
    error_message = "The bucket policy must grant nothing (access comes from the files service's role)."
  }

  assert {
    condition     = output.bucket_name == "polystore-test-files" && output.bucket_region == "eu-west-1" && output.bucket_arn == "arn:aws:s3:::polystore-test-files"
    error_message = "Outputs bucket_name (S3_BUCKET), bucket_region (S3_REGION) and bucket_arn must be present."
  }
}

run "cors_allows_presigned_uploads_from_the_frontends" {
  command = plan

  assert {
    condition     = tolist(aws_s3_bucket_cors_configuration.this[0].cors_rule)[0].allowed_origins == toset(["https://app.example.com"])
    error_message = "CORS must allow exactly the frontend origins."
  }

  assert {
    condition = alltrue([for h in ["content-type", "x-amz-checksum-sha256"] :
    contains(tolist(tolist(aws_s3_bucket_cors_configuration.this[0].cors_rule)[0].allowed_headers), h)])
    error_message = "CORS must allow the content-type and x-amz-checksum-sha256 headers."
  }

  assert {
    condition     = contains(tolist(tolist(aws_s3_bucket_cors_configuration.this[0].cors_rule)[0].expose_headers), "ETag")
    error_message = "CORS must expose ETag (multipart clients read each part's ETag)."
  }
}

run "lifecycle_cleans_up_abandoned_uploads" {
  command = plan

  variables {
    pending_prefix = "uploads/pending/"
  }

  assert {
    condition = anytrue([for r in aws_s3_bucket_lifecycle_configuration.this.rule :
    r.abort_incomplete_multipart_upload[0].days_after_initiation <= 7 if r.status == "Enabled" && length(r.abort_incomplete_multipart_upload) == 1])
    error_message = "Incomplete multipart uploads must be aborted within a week."
  }

  assert {
    condition = anytrue([for r in aws_s3_bucket_lifecycle_configuration.this.rule :
    r.expiration[0].days == 2 if r.status == "Enabled" && r.filter[0].prefix == "uploads/pending/" && length(r.expiration) == 1])
    error_message = "Objects under the pending prefix must expire."
  }
}

run "no_cors_without_origins" {
  command = plan

  variables {
    cors_allowed_origins = []
  }

  assert {
    condition     = length(aws_s3_bucket_cors_configuration.this) == 0
    error_message = "No origins, no CORS rule."
  }
}

run "rejects_wildcard_origin" {
  command = plan

  variables {
    cors_allowed_origins = ["*"]
  }

  expect_failures = [var.cors_allowed_origins]
}
