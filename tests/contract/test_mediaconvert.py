"""The MediaConvert job slsplay submits for a video, and the completion events it reads back.

No MediaConvert endpoint is reachable from a test, so the CreateJob request is checked
against botocore's model of the service: sent through a real client whose sending is
stubbed (the client validates every parameter before it would send), validated again
explicitly, and walked for the enums, ranges and patterns that botocore leaves unchecked.
The events are the samples in ``tests/events``, shaped as AWS documents them.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError, ParamValidationError
from botocore.model import ListShape, MapShape, Shape, StringShape, StructureShape
from botocore.stub import Stubber
from botocore.validate import validate_parameters

from slsplay.adapters.aws.mediaconvert import (
    Completion,
    JobRefused,
    MediaConvertProcessor,
    completion_from_event,
    job_settings,
    submit,
)
from slsplay.adapters.media_processing import FfmpegMediaProcessor
from slsplay.domain.media import Rendition
from slsplay.ports import ConversionEnded, Processed

REGION = "eu-west-1"
BUCKET = "slsplay-prod-media-111122223333"
MEETUP_ID = "01JP3M8Z6Q4R7T2V9X1C5B8N0D"
MEDIA_ID = "01JP3MB2K7H5F9W3Y6A1E4G8J2"
MEDIA_PREFIX = f"meetups/{MEETUP_ID}/media/{MEDIA_ID}/"
SOURCE = f"s3://{BUCKET}/{MEDIA_PREFIX}original"
DESTINATION = f"s3://{BUCKET}/{MEDIA_PREFIX}"
ROLE = "arn:aws:iam::111122223333:role/slsplay-prod-MediaConvertRole"
QUEUE = "arn:aws:mediaconvert:eu-west-1:111122223333:queues/Default"
JOB_ID = "1773310502123-k3v9qa"
METADATA = {"meetup_id": MEETUP_ID, "media_id": MEDIA_ID}
EVENTS: dict[str, dict[str, Any]] = json.loads(
    (Path(__file__).parents[1] / "events" / "mediaConvertJobStateChange.json").read_text()
)

# What MediaConvert names a file when an output sets no Extension, by container
# (the Output.Extension documentation); frame captures are JPEGs.
DEFAULT_EXTENSION = {"MP4": "mp4", "MOV": "mov", "M2TS": "m2ts", "WEBM": "webm"}


@pytest.fixture
def client() -> Any:
    """A real MediaConvert client on the regional endpoint; nothing is ever sent."""
    return boto3.client(
        "mediaconvert",
        region_name=REGION,
        endpoint_url=f"https://mediaconvert.{REGION}.amazonaws.com",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


@pytest.fixture
def stubber(client: Any) -> Iterator[Stubber]:
    with Stubber(client) as stubbed:
        yield stubbed
        stubbed.assert_no_pending_responses()


def expect_create_job(stubber: Stubber, request: dict[str, Any]) -> None:
    """The stubbed client answers ``request``, and only it, as MediaConvert would."""
    job = {
        "Id": JOB_ID,
        "Arn": f"arn:aws:mediaconvert:{REGION}:111122223333:jobs/{JOB_ID}",
        "Role": request["Role"],
        "Settings": request["Settings"],
        "Status": "SUBMITTED",
        "UserMetadata": request.get("UserMetadata", {}),
    }
    stubber.add_response("create_job", {"Job": job}, request)


def request(**changes: Any) -> dict[str, Any]:
    """The CreateJob request ``submit`` is expected to send for the sample upload."""
    params: dict[str, Any] = {
        "Role": ROLE,
        "Settings": job_settings(SOURCE, DESTINATION),
        "UserMetadata": METADATA,
        "StatusUpdateInterval": "SECONDS_600",
        "Queue": QUEUE,
    }
    params.update(changes)
    return {name: value for name, value in params.items() if value is not None}


def submit_sample(client: Any, **arguments: Any) -> str:
    return submit(
        client,
        **{
            "role_arn": ROLE,
            "queue_arn": QUEUE,
            "source_uri": SOURCE,
            "destination_prefix": DESTINATION,
            "user_metadata": METADATA,
            **arguments,
        },
    )


def model_problems(value: Any, shape: Shape, path: str = "") -> list[str]:
    """What botocore's validator does not check: enum values, maximums and patterns."""
    problems: list[str] = []
    if isinstance(shape, StructureShape):
        for name, member in value.items():
            problems += model_problems(member, shape.members[name], f"{path}.{name}")
    elif isinstance(shape, ListShape):
        for index, item in enumerate(value):
            problems += model_problems(item, shape.member, f"{path}[{index}]")
    elif isinstance(shape, MapShape):
        for key, item in value.items():
            problems += model_problems(item, shape.value, f"{path}[{key}]")
    elif isinstance(shape, StringShape):
        if shape.enum and value not in shape.enum:
            problems.append(f"{path}: {value!r} is not one of {shape.enum}")
        pattern = shape.metadata.get("pattern")
        if pattern and _compiles(pattern) and not re.search(pattern, value):
            problems.append(f"{path}: {value!r} does not match {pattern}")
    elif shape.type_name in {"integer", "long", "double"}:
        maximum = shape.metadata.get("max")
        if maximum is not None and value > maximum:
            problems.append(f"{path}: {value} is above {maximum}")
    return problems


def _compiles(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True


def written_names(settings: dict[str, Any]) -> set[str]:
    """The files the settings make MediaConvert write, relative to the media's prefix.

    MediaConvert's naming: a group's destination is the base name, each output adds its
    name modifier and its extension; an HLS group also writes the base name's .m3u8 (the
    multivariant playlist); a frame capture numbers its images with seven digits from 0.
    """
    names: set[str] = set()
    for group in settings["OutputGroups"]:
        group_settings = group["OutputGroupSettings"]
        if group_settings["Type"] == "HLS_GROUP_SETTINGS":
            base = group_settings["HlsGroupSettings"]["Destination"]
            names.add(f"{base}.m3u8")
            names |= {f"{base}{o['NameModifier']}.m3u8" for o in group["Outputs"]}
            continue
        base = group_settings["FileGroupSettings"]["Destination"]
        for output in group["Outputs"]:
            name = base + output.get("NameModifier", "")
            codec = output["VideoDescription"]["CodecSettings"]
            if codec["Codec"] == "FRAME_CAPTURE":
                captures = codec["FrameCaptureSettings"]["MaxCaptures"]
                names |= {f"{name}.{n:07d}.jpg" for n in range(captures)}
            else:
                extension = (
                    output.get("Extension")
                    or DEFAULT_EXTENSION[output["ContainerSettings"]["Container"]]
                )
                names.add(f"{name}.{extension}")
    assert all(name.startswith(DESTINATION) for name in names)
    return {name.removeprefix(DESTINATION) for name in names}


def outputs_by_destination(settings: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for group in settings["OutputGroups"]:
        group_settings = group["OutputGroupSettings"]
        kind = "HlsGroupSettings" if "HlsGroupSettings" in group_settings else "FileGroupSettings"
        destination = group_settings[kind]["Destination"].removeprefix(DESTINATION)
        found[destination] = group["Outputs"]
    return found


# -- the request ----------------------------------------------------------------------------


def test_the_job_request_is_valid_for_the_service_model(client: Any, stubber: Stubber) -> None:
    # GIVEN the request submit must send; the stubbed client validates it before "sending"
    expected = request(ClientRequestToken=MEDIA_ID)
    expect_create_job(stubber, expected)

    # WHEN the video is submitted
    job_id = submit_sample(client, client_request_token=MEDIA_ID)

    # THEN MediaConvert's answer is read, and the request holds up to the model
    assert job_id == JOB_ID
    input_shape = client.meta.service_model.operation_model("CreateJob").input_shape
    validate_parameters(expected, input_shape)
    assert model_problems(expected, input_shape) == []


def test_the_model_check_catches_a_misspelt_setting(client: Any) -> None:
    settings = job_settings(SOURCE, DESTINATION)
    hls = settings["OutputGroups"][2]["OutputGroupSettings"]["HlsGroupSettings"]
    hls["SegmentLenght"] = hls.pop("SegmentLength")  # type: ignore[typeddict-unknown-key]
    input_shape = client.meta.service_model.operation_model("CreateJob").input_shape

    with pytest.raises(ParamValidationError, match="SegmentLenght"):
        validate_parameters(request(Settings=settings), input_shape)


def test_the_model_check_catches_an_unknown_enum_value(client: Any) -> None:
    settings = job_settings(SOURCE, DESTINATION)
    settings["OutputGroups"][0]["Outputs"][0]["VideoDescription"]["ScalingBehavior"] = "SHRINK"  # type: ignore[typeddict-item]
    input_shape = client.meta.service_model.operation_model("CreateJob").input_shape

    assert any(
        "SHRINK" in problem for problem in model_problems(request(Settings=settings), input_shape)
    )


def test_a_job_without_a_queue_goes_to_the_default_queue(client: Any, stubber: Stubber) -> None:
    expect_create_job(stubber, request(Queue=None))

    assert submit_sample(client, queue_arn=None) == JOB_ID


def test_the_renditions_land_under_the_media_prefix_with_their_product_names() -> None:
    settings = job_settings(SOURCE, DESTINATION)

    assert written_names(dict(settings)) == {
        "720p.mp4",
        "480p.mp4",
        "hls/index.m3u8",
        "hls/index_720p.m3u8",
        "poster.0000000.jpg",
        "poster.0000001.jpg",
    }


def test_the_mp4s_are_720p_and_480p_h264_with_aac_stereo_and_the_index_first() -> None:
    outputs = outputs_by_destination(dict(job_settings(SOURCE, DESTINATION)))

    for name, height in [("720p", 720), ("480p", 480)]:
        (output,) = outputs[name]
        video = output["VideoDescription"]
        assert video["Height"] == height
        assert "Width" not in video  # follows the source's aspect ratio
        assert video["ScalingBehavior"] == "FIT_NO_UPSCALE"
        assert video["CodecSettings"]["Codec"] == "H_264"
        assert output["ContainerSettings"] == {
            "Container": "MP4",
            "Mp4Settings": {"MoovPlacement": "PROGRESSIVE_DOWNLOAD"},
        }
        (audio,) = output["AudioDescriptions"]
        assert audio["CodecSettings"]["Codec"] == "AAC"
        assert audio["CodecSettings"]["AacSettings"]["Bitrate"] == 128_000
        assert audio["CodecSettings"]["AacSettings"]["CodingMode"] == "CODING_MODE_2_0"


def test_the_hls_stream_is_cut_into_four_second_segments() -> None:
    settings = job_settings(SOURCE, DESTINATION)
    (hls,) = [
        g["OutputGroupSettings"]["HlsGroupSettings"]
        for g in settings["OutputGroups"]
        if g["OutputGroupSettings"]["Type"] == "HLS_GROUP_SETTINGS"
    ]

    assert hls["SegmentLength"] == 4
    assert hls["MinSegmentLength"] == 0
    assert hls["Destination"] == f"{DESTINATION}hls/index"
    (variant,) = outputs_by_destination(dict(settings))["hls/index"]
    assert variant["VideoDescription"]["Height"] == 720


def test_the_poster_is_the_frame_at_one_second() -> None:
    (output,) = outputs_by_destination(dict(job_settings(SOURCE, DESTINATION)))["poster"]
    codec = output["VideoDescription"]["CodecSettings"]

    # The first frame, then one per second, two in all: the second one is the poster.
    assert codec["Codec"] == "FRAME_CAPTURE"
    assert codec["FrameCaptureSettings"]["FramerateNumerator"] == 1
    assert codec["FrameCaptureSettings"]["FramerateDenominator"] == 1
    assert codec["FrameCaptureSettings"]["MaxCaptures"] == 2
    assert "AudioDescriptions" not in output


def test_a_source_without_audio_does_not_fail_on_a_missing_track() -> None:
    (source,) = job_settings(SOURCE, DESTINATION)["Inputs"]

    # A selector naming a track fails the job when the track is missing; this one names
    # none and is the default, so every output's audio comes from it or is silence.
    assert source["AudioSelectors"] == {"Audio Selector 1": {"DefaultSelection": "DEFAULT"}}
    for outputs in outputs_by_destination(dict(job_settings(SOURCE, DESTINATION))).values():
        for output in outputs:
            for audio in output.get("AudioDescriptions", []):
                assert audio["AudioSourceName"] == "Audio Selector 1"


def test_a_source_known_to_be_silent_gets_outputs_without_audio(
    client: Any, stubber: Stubber
) -> None:
    settings = job_settings(SOURCE, DESTINATION, has_audio=False)
    expect_create_job(stubber, request(Settings=settings))

    submit_sample(client, has_audio=False)

    assert all(
        "AudioDescriptions" not in output
        for outputs in outputs_by_destination(dict(settings)).values()
        for output in outputs
    )
    assert written_names(dict(settings)) == written_names(dict(job_settings(SOURCE, DESTINATION)))


def test_a_refused_request_is_reported_as_refused(client: Any, stubber: Stubber) -> None:
    stubber.add_client_error(
        "create_job",
        service_error_code="BadRequestException",
        service_message="/outputGroups/0: Should have at least 1 items",
        http_status_code=400,
    )

    with pytest.raises(JobRefused, match="BadRequestException"):
        submit_sample(client)


def test_throttling_is_left_to_the_caller_to_retry(client: Any, stubber: Stubber) -> None:
    stubber.add_client_error(
        "create_job", service_error_code="TooManyRequestsException", http_status_code=429
    )

    with pytest.raises(ClientError, match="TooManyRequestsException"):
        submit_sample(client)


@pytest.mark.parametrize(
    ("source", "destination"),
    [
        ("meetups/m/media/x/original", DESTINATION),
        (SOURCE, f"s3://{BUCKET}/{MEDIA_PREFIX}".rstrip("/")),
        (SOURCE, f"https://{BUCKET}.s3.amazonaws.com/{MEDIA_PREFIX}"),
    ],
)
def test_locations_that_are_not_s3_uris_are_refused(source: str, destination: str) -> None:
    with pytest.raises(ValueError, match="s3://"):
        job_settings(source, destination)


# -- the completion event -------------------------------------------------------------------


def test_a_completed_job_reports_its_files_with_their_sizes() -> None:
    completion = completion_from_event(EVENTS["COMPLETE"])

    assert completion.job_id == JOB_ID
    assert completion.status == "COMPLETE"
    assert (completion.meetup_id, completion.media_id) == (MEETUP_ID, MEDIA_ID)
    assert completion.reason is None
    assert [(o.key.removeprefix(MEDIA_PREFIX), o.width, o.height) for o in completion.outputs] == [
        ("720p.mp4", 1280, 720),
        ("480p.mp4", 854, 480),
        ("hls/index_720p.m3u8", 1280, 720),
        ("poster.0000001.jpg", 1280, 720),
    ]
    assert all(o.key.startswith(MEDIA_PREFIX) for o in completion.outputs)  # no bucket
    assert completion.hls_playlist == f"{MEDIA_PREFIX}hls/index.m3u8"
    assert completion.duration_seconds == 30.03


def test_a_completed_job_names_the_files_the_job_was_asked_to_write() -> None:
    completion = completion_from_event(EVENTS["COMPLETE"])
    planned = written_names(dict(job_settings(SOURCE, DESTINATION)))

    reported = {o.key.removeprefix(MEDIA_PREFIX) for o in completion.outputs}
    assert reported <= planned
    assert completion.hls_playlist is not None
    assert completion.hls_playlist.removeprefix(MEDIA_PREFIX) in planned


def test_a_completed_job_becomes_the_media_items_renditions() -> None:
    completion = completion_from_event(EVENTS["COMPLETE"])

    assert completion.renditions(MEDIA_PREFIX) == (
        Rendition("720p.mp4", "video/mp4", 1280, 720),
        Rendition("480p.mp4", "video/mp4", 854, 480),
        Rendition("poster.0000001.jpg", "image/jpeg", 1280, 720),
        Rendition("hls/index.m3u8", "application/vnd.apple.mpegurl", 1280, 720),
    )


def test_a_failed_job_gives_a_reason_a_person_can_read() -> None:
    completion = completion_from_event(EVENTS["ERROR"])

    assert completion.status == "ERROR"
    assert completion.media_id == "01JP3MF4S8D2K6P1R9T3V7X5Z0"
    assert completion.outputs == ()
    assert completion.reason == "The video could not be read; it may be damaged."
    assert completion.error_code == 1010
    assert completion.error_message is not None
    assert "No parser found for container" in completion.error_message


def test_a_failure_without_its_own_explanation_still_says_what_went_wrong() -> None:
    event = copy.deepcopy(EVENTS["ERROR"])
    event["detail"]["errorCode"] = 1999
    event["detail"]["errorMessage"] = f"Internal error while reading {SOURCE}"

    completion = completion_from_event(event)

    assert completion.reason == "The video could not be converted (error 1999)."
    assert completion.reason is not None
    assert BUCKET not in completion.reason


def test_a_cancelled_job_ends_with_a_reason() -> None:
    event = copy.deepcopy(EVENTS["ERROR"])
    event["detail"]["status"] = "CANCELED"
    del event["detail"]["errorCode"], event["detail"]["errorMessage"]

    completion = completion_from_event(event)

    assert completion == Completion(
        job_id="1773310881907-2hxq5m",
        status="CANCELED",
        meetup_id=MEETUP_ID,
        media_id="01JP3MF4S8D2K6P1R9T3V7X5Z0",
        reason="The video's conversion was cancelled.",
    )


def test_a_job_still_running_is_not_a_completion() -> None:
    event = copy.deepcopy(EVENTS["COMPLETE"])
    event["detail"] = {**event["detail"], "status": "STATUS_UPDATE", "jobProgress": {}}

    with pytest.raises(ValueError, match="not ended"):
        completion_from_event(event)


def test_another_services_event_is_not_a_completion() -> None:
    with pytest.raises(ValueError, match="not a MediaConvert"):
        completion_from_event({**EVENTS["COMPLETE"], "source": "aws.s3"})


def test_a_job_that_slsplay_did_not_submit_is_not_a_completion() -> None:
    event = copy.deepcopy(EVENTS["COMPLETE"])
    event["detail"]["userMetadata"] = {}

    with pytest.raises(ValueError, match="not a job of slsplay"):
        completion_from_event(event)


# -- through the media processor port -------------------------------------------------------


NO_STORAGE: Any = None  # reading a completion touches no file


def processor() -> MediaConvertProcessor:
    """The cloud's processor; reading a completion calls no AWS API."""

    def no_client(service: str) -> Any:
        raise AssertionError(f"no {service} call is needed to read a completion")

    return MediaConvertProcessor(NO_STORAGE, BUCKET, no_client, role_arn=ROLE)


def test_a_completed_job_gives_the_media_item_its_renditions_and_length() -> None:
    ended = processor().conversion_ended(EVENTS["COMPLETE"])

    completion = completion_from_event(EVENTS["COMPLETE"])
    assert ended == ConversionEnded(
        MEETUP_ID,
        MEDIA_ID,
        Processed(completion.renditions(MEDIA_PREFIX), 30.03),
    )


def test_a_failed_job_gives_the_organizer_a_reason_and_the_logs_mediaconverts_words() -> None:
    ended = processor().conversion_ended(EVENTS["ERROR"])

    assert ended.processed is None
    assert ended.reason == "The video could not be read; it may be damaged."
    assert ended.detail is not None
    assert "No parser found for container" in ended.detail


def test_a_processor_that_converts_in_the_invocation_takes_no_completion() -> None:
    local = FfmpegMediaProcessor(NO_STORAGE)

    with pytest.raises(ValueError, match="no work going on elsewhere"):
        local.conversion_ended(EVENTS["COMPLETE"])
