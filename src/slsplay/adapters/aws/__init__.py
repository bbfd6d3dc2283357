"""Adapters on AWS services, called through boto3 (DynamoDB, Streams, S3, SES, SQS)."""
