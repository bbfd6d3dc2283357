"""Publishing the built web app to S3 and CloudFront (moto): types, cache lifetimes, order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws

from slsplay.adapters.aws.web_publish import IMMUTABLE, REVALIDATE, publish

REGION = "eu-west-1"


def built_app(root: Path) -> Path:
    dist = root / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><script src=/assets/app-1a2b.js></script>")
    (dist / "assets" / "app-1a2b.js").write_text("console.log('app')")
    (dist / "assets" / "app-1a2b.css").write_text("body{}")
    (dist / "manifest.webmanifest").write_text('{"name": "slsplay"}')
    (dist / "icon-192.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return dist


@pytest.fixture
def cloud(monkeypatch: pytest.MonkeyPatch) -> Any:
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": REGION,
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        boto3.client("s3").create_bucket(
            Bucket="web", CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        distribution = boto3.client("cloudfront").create_distribution(
            DistributionConfig={
                "CallerReference": "test",
                "Comment": "",
                "Enabled": True,
                "Origins": {
                    "Quantity": 1,
                    "Items": [
                        {
                            "Id": "web",
                            "DomainName": "web.s3.amazonaws.com",
                            "S3OriginConfig": {"OriginAccessIdentity": ""},
                        }
                    ],
                },
                "DefaultCacheBehavior": {
                    "TargetOriginId": "web",
                    "ViewerProtocolPolicy": "redirect-to-https",
                    "MinTTL": 0,
                },
            }
        )
        yield distribution["Distribution"]["Id"]


def test_every_file_lands_with_its_type_and_lifetime(cloud: str, tmp_path: Path) -> None:
    published = publish(built_app(tmp_path), "web", cloud, boto3.client)

    s3 = boto3.client("s3")
    stored = {
        key: s3.head_object(Bucket="web", Key=key)
        for key in ("index.html", "assets/app-1a2b.js", "manifest.webmanifest", "icon-192.png")
    }
    assert published.uploaded == 5
    assert stored["index.html"]["ContentType"] == "text/html; charset=utf-8"
    assert stored["index.html"]["CacheControl"] == REVALIDATE
    assert stored["assets/app-1a2b.js"]["ContentType"] == "text/javascript"
    assert stored["assets/app-1a2b.js"]["CacheControl"] == IMMUTABLE
    assert stored["manifest.webmanifest"]["ContentType"] == "application/manifest+json"
    assert stored["icon-192.png"]["ContentType"] == "image/png"


def test_what_keeps_its_name_is_invalidated_on_cloudfront(cloud: str, tmp_path: Path) -> None:
    published = publish(built_app(tmp_path), "web", cloud, boto3.client)

    assert published.invalidation_id is not None
    invalidation = boto3.client("cloudfront").get_invalidation(
        DistributionId=cloud, Id=published.invalidation_id
    )["Invalidation"]
    paths = set(invalidation["InvalidationBatch"]["Paths"]["Items"])
    assert paths == {"/", "/index.html", "/manifest.webmanifest", "/icon-192.png"}


def test_an_unbuilt_app_is_refused_before_anything_is_uploaded(cloud: str, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="build the web app"):
        publish(tmp_path, "web", cloud, boto3.client)
    assert "Contents" not in boto3.client("s3").list_objects_v2(Bucket="web")
