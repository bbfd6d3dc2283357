"""The template's resources on an AWS-compatible endpoint, for the runtime's AWS backend.

``slsplay serve --backend aws --aws-endpoint URL`` runs the same functions on the AWS adapters
against an endpoint such as moto's server. What CloudFormation and the stage's set-up would
create there is created here, once, and found again on the next start: the tables (keys,
indexes, stream, time to live), the queues (visibility timeout, retention, redrive policy),
the buckets (CORS, and the notifications that announce uploads on a queue), the CloudFront
distributions (only their being there: the functions invalidate their caches), the Firehose
delivery streams (to their bucket and prefix: an emulator converts no format), the stage's
token-signing key in Secrets Manager, and the sending identity in SES.

A distribution's id is the endpoint's to choose: ``provision`` answers it by logical id, for
the runtime to give the functions in place of the template's ``!Ref``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from slsplay.adapters.aws.provision import create_table
from slsplay.adapters.aws.secrets import signing_key_name
from slsplay.adapters.aws.stage_secrets import create_signing_key
from slsplay.local.template import Stack
from slsplay.mail.mime import sender_domain

logger = logging.getLogger("slsplay.local")

ClientFactory = Callable[[str], Any]


def provision(stack: Stack, client: ClientFactory, *, stage: str, mail_from: str) -> dict[str, str]:
    """Create what is missing among the template's tables and queues, distributions, the
    stage's signing key and the mail sender's identity; what exists is left as it is.
    Answers the ids the endpoint gave the distributions, by logical id."""
    _tables(stack, client("dynamodb"))
    _queues(stack, client("sqs"))
    create_buckets(stack, client("s3"))  # after the queues their notifications name
    _delivery_streams(stack, client("firehose"))  # after the buckets they write to
    if create_signing_key(client("secretsmanager"), stage):
        logger.info("created the signing key %s", signing_key_name(stage))
    _mail_identity(client("sesv2"), mail_from)
    return create_distributions(stack, client("cloudfront"))


def create_distributions(stack: Stack, cloudfront: Any) -> dict[str, str]:
    """The template's distributions that are missing (found again by their comment, which
    names the stage); answers every one's id, by logical id."""
    listed = cloudfront.list_distributions().get("DistributionList", {}).get("Items", [])
    existing = {item["Comment"]: item["Id"] for item in listed}
    ids = {}
    for logical_id, resource in stack.resources("AWS::CloudFront::Distribution").items():
        # Only the comment is read: the origins name attributes (a bucket's regional domain)
        # the endpoint has no use for.
        config = resource["Properties"]["DistributionConfig"]
        comment = str(stack.resolve(config.get("Comment", logical_id)))
        if comment not in existing:
            created = cloudfront.create_distribution(
                DistributionConfig=_bare_distribution(f"{stack.name}-{logical_id}", comment)
            )
            existing[comment] = created["Distribution"]["Id"]
            logger.info("created distribution %s", existing[comment])
        ids[logical_id] = existing[comment]
    return ids


def _bare_distribution(reference: str, comment: str) -> dict[str, Any]:
    """A distribution with one origin and nothing else: what invalidations need to exist."""
    return {
        "CallerReference": reference,
        "Comment": comment,
        "Enabled": True,
        "Origins": {
            "Quantity": 1,
            "Items": [
                {
                    "Id": "api",
                    "DomainName": "api.example.com",
                    "CustomOriginConfig": {
                        "HTTPPort": 80,
                        "HTTPSPort": 443,
                        "OriginProtocolPolicy": "https-only",
                    },
                }
            ],
        },
        "DefaultCacheBehavior": {
            "TargetOriginId": "api",
            "ViewerProtocolPolicy": "https-only",
            "CachePolicyId": "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
        },
    }


def _tables(stack: Stack, dynamodb: Any) -> None:
    existing = set(dynamodb.list_tables()["TableNames"])
    for logical_id in stack.resources("AWS::DynamoDB::Table"):
        name = stack.physical_name(logical_id)
        if name not in existing:
            create_table(dynamodb, name, stack.properties(logical_id))
            logger.info("created table %s", name)


def _queues(stack: Stack, sqs: Any) -> None:
    queues = stack.resources("AWS::SQS::Queue")
    # Dead-letter queues first: a redrive policy names one that must exist.
    properties_of = {logical_id: stack.properties(logical_id) for logical_id in queues}
    ordered = sorted(queues, key=lambda logical_id: "RedrivePolicy" in properties_of[logical_id])
    for logical_id in ordered:
        properties = properties_of[logical_id]
        attributes: dict[str, str] = {
            name: str(properties[name])
            for name in ("VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds")
            if name in properties
        }
        policy = properties.get("RedrivePolicy")
        if policy is not None:
            attributes["RedrivePolicy"] = policy if isinstance(policy, str) else json.dumps(policy)
        sqs.create_queue(QueueName=stack.physical_name(logical_id), Attributes=attributes)


def create_buckets(stack: Stack, s3: Any) -> None:
    """The template's buckets that are missing, with their CORS rules and the queue
    notifications of their uploads."""
    existing = {bucket["Name"] for bucket in s3.list_buckets().get("Buckets", [])}
    for logical_id in stack.resources("AWS::S3::Bucket"):
        name, properties = stack.physical_name(logical_id), stack.properties(logical_id)
        if name in existing:
            continue
        location = {"LocationConstraint": stack.region} if stack.region != "us-east-1" else {}
        s3.create_bucket(
            Bucket=name, **({"CreateBucketConfiguration": location} if location else {})
        )
        cors = (properties.get("CorsConfiguration") or {}).get("CorsRules")
        if cors:
            s3.put_bucket_cors(Bucket=name, CORSConfiguration={"CORSRules": _cors_rules(cors)})
        notifications = properties.get("NotificationConfiguration") or {}
        queues = notifications.get("QueueConfigurations") or []
        if queues:
            s3.put_bucket_notification_configuration(
                Bucket=name,
                NotificationConfiguration={"QueueConfigurations": _queue_notifications(queues)},
            )
        logger.info("created bucket %s", name)


def _cors_rules(rules: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """CloudFormation's CORS rules in the S3 API's words (two keys differ)."""
    renamed = {"ExposedHeaders": "ExposeHeaders", "MaxAge": "MaxAgeSeconds"}
    return [{renamed.get(key, key): value for key, value in rule.items()} for rule in rules]


def _queue_notifications(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """CloudFormation's ``QueueConfigurations`` in the S3 API's words."""
    converted = []
    for entry in entries:
        rules = ((entry.get("Filter") or {}).get("S3Key") or {}).get("Rules") or []
        configuration: dict[str, Any] = {"QueueArn": entry["Queue"], "Events": [entry["Event"]]}
        if rules:
            configuration["Filter"] = {"Key": {"FilterRules": rules}}
        converted.append(configuration)
    return converted


def _delivery_streams(stack: Stack, firehose: Any) -> None:
    existing = set(firehose.list_delivery_streams()["DeliveryStreamNames"])
    for logical_id in stack.resources("AWS::KinesisFirehose::DeliveryStream"):
        name = stack.physical_name(logical_id)
        if name in existing:
            continue
        destination = stack.properties(logical_id)["ExtendedS3DestinationConfiguration"]
        # The prefix up to its first expression: the emulator evaluates none.
        prefix = str(destination.get("Prefix", "")).split("!{", 1)[0]
        firehose.create_delivery_stream(
            DeliveryStreamName=name,
            DeliveryStreamType="DirectPut",
            ExtendedS3DestinationConfiguration={
                "BucketARN": destination["BucketARN"],
                "RoleARN": destination["RoleARN"],
                "Prefix": prefix,
            },
        )
        logger.info("created delivery stream %s", name)


def _mail_identity(ses: Any, mail_from: str) -> None:
    domain = sender_domain(mail_from)
    try:
        ses.get_email_identity(EmailIdentity=domain)
    except ClientError as e:
        if e.response.get("Error", {}).get("Code") != "NotFoundException":
            raise
        ses.create_email_identity(EmailIdentity=domain)
        logger.info("created the mail identity %s", domain)
