#!/usr/bin/env bash
# LocalStack ready hook: the files service's bucket with the rules the production bucket has
# (infra/terraform modules/s3): CORS so browsers can upload straight to presigned URLs, and a
# lifecycle rule for multipart uploads nobody completed. Safe to run again.
# Settings: S3_BUCKET, FILES_CORS_ALLOWED_ORIGINS (comma-separated origins: the one list devstack,
# docker-compose.yml and Terraform's cors_allowed_origins use too). Outside LocalStack (no awslocal)
# it uses `aws` against AWS_ENDPOINT_URL, as tools/checks/deploy does.
set -euo pipefail

bucket="${S3_BUCKET:-polystore-files}"
origins="${FILES_CORS_ALLOWED_ORIGINS:-http://localhost:8080}"

s3api() {
  if command -v awslocal >/dev/null; then
    awslocal s3api "$@"
  else
    aws --endpoint-url "${AWS_ENDPOINT_URL:?AWS_ENDPOINT_URL must name the S3 endpoint}" s3api "$@"
  fi
}

# "a,b" -> "a","b" for the JSON array.
origins_json="\"${origins//,/\",\"}\""

if ! s3api head-bucket --bucket "$bucket" >/dev/null 2>&1; then
  s3api create-bucket --bucket "$bucket" >/dev/null
fi

# Headers a browser sends on a presigned PUT or part upload (the signed content-type and SHA-256
# checksum among them); ETag must be readable to complete a multipart upload.
s3api put-bucket-cors --bucket "$bucket" --cors-configuration "{
  \"CORSRules\": [{
    \"AllowedOrigins\": [$origins_json],
    \"AllowedMethods\": [\"GET\", \"PUT\", \"POST\", \"HEAD\"],
    \"AllowedHeaders\": [\"content-type\", \"content-md5\", \"x-amz-checksum-sha256\",
                         \"x-amz-sdk-checksum-algorithm\", \"x-amz-content-sha256\", \"x-amz-date\"],
    \"ExposeHeaders\": [\"ETag\", \"x-amz-checksum-sha256\"],
    \"MaxAgeSeconds\": 3000
  }]
}"

# Objects live at workspaces/<ws>/files/<file> whether pending or ready (FileRecord.objectKey): no
# prefix tells an abandoned upload apart, so expiring by prefix would delete ready files. The files
# service deletes abandoned objects itself (FILES_PENDING_TTL_SECONDS); S3 only drops the parts of
# multipart uploads nobody completed or aborted. Lifecycle is set last: the healthcheck reads it.
s3api put-bucket-lifecycle-configuration --bucket "$bucket" --lifecycle-configuration '{
  "Rules": [{
    "ID": "abort-incomplete-multipart-uploads",
    "Status": "Enabled",
    "Filter": {"Prefix": ""},
    "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1}
  }]
}'

echo "10-files-bucket: bucket $bucket ready (CORS for $origins, lifecycle)"
