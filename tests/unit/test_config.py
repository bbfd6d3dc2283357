"""The settings: each read from its variable, with the defaults and the refusals of a bad word."""

from __future__ import annotations

from pathlib import Path

import pytest

from slsplay.config import DEFAULT_MAIL_FROM, Settings

DEFAULTS = Settings.from_env({})


def test_an_empty_environment_gives_the_local_defaults() -> None:
    settings = Settings.from_env({})

    assert settings.backend == "local"
    assert settings.data_dir == Path(".slsplay")
    assert settings.table_name == "slsplay-dev"
    assert settings.aws_region == "eu-west-1"
    assert settings.public_url == "http://127.0.0.1:8000"
    assert settings.mail_from == DEFAULT_MAIL_FROM
    assert settings.graphql_introspection is True
    assert (settings.transcoder, settings.payments) == ("ffmpeg", "local")
    assert settings.queue_urls == {}


def test_each_setting_is_read_from_its_slsplay_variable() -> None:
    settings = Settings.from_env(
        {
            "SLSPLAY_BACKEND": "aws",
            "SLSPLAY_DATA_DIR": "/var/slsplay",
            "SLSPLAY_TABLE_NAME": "slsplay-qa",
            "SLSPLAY_AWS_ENDPOINT": "http://127.0.0.1:5000",
            "SLSPLAY_PUBLIC_URL": "https://qa.example.com",
            "SLSPLAY_STAGE": "qa",
            "SLSPLAY_MAIL_FROM": "qa <qa@example.com>",
            "SLSPLAY_SMTP_URL": "smtp://127.0.0.1:1025",
            "SLSPLAY_MEDIA_BUCKET": "slsplay-media-qa",
            "SLSPLAY_TRANSCODER": "mediaconvert",
            "SLSPLAY_MEDIACONVERT_ROLE_ARN": "arn:aws:iam::123456789012:role/convert",
            "SLSPLAY_MEDIACONVERT_QUEUE_ARN": "arn:aws:mediaconvert:queue",
            "SLSPLAY_GRAPHQL_INTROSPECTION": "off",
            "SLSPLAY_PAYMENTS": "stripe",
            "SLSPLAY_STRIPE_API_BASE": "http://127.0.0.1:12111",
            "SLSPLAY_OIDC_PROVIDERS": "{}",
        }
    )

    assert settings == DEFAULTS.model_copy(
        update={
            "backend": "aws",
            "data_dir": Path("/var/slsplay"),
            "table_name": "slsplay-qa",
            "aws_endpoint": "http://127.0.0.1:5000",
            "public_url": "https://qa.example.com",
            "stage": "qa",
            "mail_from": "qa <qa@example.com>",
            "smtp_url": "smtp://127.0.0.1:1025",
            "media_bucket": "slsplay-media-qa",
            "transcoder": "mediaconvert",
            "mediaconvert_role_arn": "arn:aws:iam::123456789012:role/convert",
            "mediaconvert_queue_arn": "arn:aws:mediaconvert:queue",
            "graphql_introspection": False,
            "payments": "stripe",
            "stripe_api_base": "http://127.0.0.1:12111",
            "oidc_providers": "{}",
        }
    )


def test_the_region_is_lambdas_aws_region_else_boto3s_default_region() -> None:
    both = {"AWS_REGION": "us-east-1", "AWS_DEFAULT_REGION": "eu-central-1"}

    assert Settings.from_env(both).aws_region == "us-east-1"
    assert Settings.from_env({"AWS_DEFAULT_REGION": "eu-central-1"}).aws_region == "eu-central-1"
    assert Settings(aws_region="ap-south-1").aws_region == "ap-south-1"


def test_a_blank_optional_setting_is_unset_and_a_blank_sender_the_default() -> None:
    names = [
        "SLSPLAY_AWS_ENDPOINT",
        "SLSPLAY_SMTP_URL",
        "SLSPLAY_MEDIACONVERT_ROLE_ARN",
        "SLSPLAY_MEDIACONVERT_QUEUE_ARN",
        "SLSPLAY_STRIPE_API_BASE",
        "SLSPLAY_OIDC_PROVIDERS",
        "SLSPLAY_MAIL_FROM",
        "STRIPE_SECRET_KEY",
        "STRIPE_WEBHOOK_SECRET",
    ]
    blank = dict.fromkeys(names, "")

    assert Settings.from_env(blank) == DEFAULTS


@pytest.mark.parametrize(
    ("word", "introspection"),
    [("on", True), ("TRUE", True), ("1", True), ("off", False), ("yes", False), ("", False)],
)
def test_introspection_is_on_for_on_true_or_1_only(word: str, introspection: bool) -> None:
    settings = Settings.from_env({"SLSPLAY_GRAPHQL_INTROSPECTION": word})

    assert settings.graphql_introspection is introspection


def test_the_public_url_loses_its_trailing_slash() -> None:
    settings = Settings.from_env({"SLSPLAY_PUBLIC_URL": "https://slsplay.example.com/"})

    assert settings.public_url == "https://slsplay.example.com"


@pytest.mark.parametrize(
    ("variable", "message"),
    [
        ("SLSPLAY_BACKEND", "SLSPLAY_BACKEND must be local or aws, not 'cloud'"),
        ("SLSPLAY_TRANSCODER", "SLSPLAY_TRANSCODER must be ffmpeg or mediaconvert, not 'cloud'"),
        ("SLSPLAY_PAYMENTS", "SLSPLAY_PAYMENTS must be local or stripe, not 'cloud'"),
    ],
)
def test_a_word_a_setting_does_not_take_is_refused_by_name(variable: str, message: str) -> None:
    with pytest.raises(ValueError, match="^" + message + "$"):
        Settings.from_env({variable: "cloud"})


def test_queue_urls_are_keyed_by_their_consumer_as_the_variable_spells_it() -> None:
    settings = Settings.from_env(
        {
            "SLSPLAY_QUEUE_URL_NOTIFIER": "https://sqs.example.com/1/notifier",
            "SLSPLAY_QUEUE_URL_SEARCH": "https://sqs.example.com/1/search",
        }
    )

    assert settings.queue_url("NOTIFIER") == "https://sqs.example.com/1/notifier"
    assert settings.queue_urls == {
        "NOTIFIER": "https://sqs.example.com/1/notifier",
        "SEARCH": "https://sqs.example.com/1/search",
    }


def test_a_queue_the_function_was_not_given_is_a_clear_error() -> None:
    settings = Settings.from_env({"SLSPLAY_QUEUE_URL_NOTIFIER": "https://sqs.example.com/1/n"})

    with pytest.raises(LookupError, match="SLSPLAY_QUEUE_URL_MEDIA is not set"):
        settings.queue_url("MEDIA")


def test_stripe_keys_come_from_stripes_own_names_and_never_show() -> None:
    settings = Settings.from_env({"STRIPE_SECRET_KEY": "sk_test_1", "STRIPE_WEBHOOK_SECRET": "w"})

    assert settings.stripe_secret_key is not None
    assert settings.stripe_secret_key.get_secret_value() == "sk_test_1"
    assert settings.stripe_webhook_secret is not None
    assert settings.stripe_webhook_secret.get_secret_value() == "w"
    assert "sk_test_1" not in repr(settings)


def test_a_given_environment_is_read_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLSPLAY_TABLE_NAME", "the-process-table")
    monkeypatch.setenv("SLSPLAY_QUEUE_URL_NOTIFIER", "https://sqs.example.com/1/notifier")

    settings = Settings.from_env({"SLSPLAY_STAGE": "qa"})

    assert (settings.stage, settings.table_name, settings.queue_urls) == ("qa", "slsplay-dev", {})


def test_without_one_the_process_environment_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLSPLAY_TABLE_NAME", "the-process-table")
    monkeypatch.setenv("SLSPLAY_QUEUE_URL_NOTIFIER", "https://sqs.example.com/1/notifier")

    settings = Settings.from_env()

    assert settings.table_name == "the-process-table"
    assert settings.queue_url("NOTIFIER") == "https://sqs.example.com/1/notifier"


def test_values_given_to_the_constructor_win_over_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SLSPLAY_TABLE_NAME", "the-process-table")
    monkeypatch.setenv("SLSPLAY_STAGE", "qa")

    settings = Settings(table_name="given")

    assert (settings.table_name, settings.stage) == ("given", "qa")
