#!/bin/sh
# Creates the attachments bucket through the S3 API (SigV4, path-style) and exits 0 when it exists.
# Idempotent: 200 = created, 409 BucketAlreadyOwnedByYou = already there. Needs only curl >= 7.75.
# Used by docker-compose.yml (service s3-init) and the Kubernetes local overlay (Job s3-init).
set -eu

: "${S3_ENDPOINT:?}" "${S3_ACCESS_KEY:?}" "${S3_SECRET_KEY:?}" "${S3_BUCKET:?}"
region="${S3_REGION:-us-east-1}"
# SHA-256 of the empty body: s3proxy requires the x-amz-content-sha256 header that curl does not add by itself.
empty_sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855

attempt=1
while :; do
    code="$(curl -sS -o /tmp/create-bucket.out -w '%{http_code}' -X PUT \
        --aws-sigv4 "aws:amz:${region}:s3" --user "${S3_ACCESS_KEY}:${S3_SECRET_KEY}" \
        -H "x-amz-content-sha256: ${empty_sha256}" \
        "${S3_ENDPOINT%/}/${S3_BUCKET}" || echo 000)"
    case "${code}" in
        200) echo "created bucket ${S3_BUCKET} at ${S3_ENDPOINT}"; exit 0 ;;
        409) echo "bucket ${S3_BUCKET} already exists at ${S3_ENDPOINT}"; exit 0 ;;
    esac
    if [ "${attempt}" -ge 30 ]; then
        echo "cannot create bucket ${S3_BUCKET} at ${S3_ENDPOINT}: HTTP ${code}" >&2
        cat /tmp/create-bucket.out >&2 2>/dev/null || true
        exit 1
    fi
    attempt=$((attempt + 1))
    sleep 2
done
