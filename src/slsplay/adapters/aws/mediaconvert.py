"""Video transcoding in the cloud: an AWS Elemental MediaConvert job per uploaded video.

After an organizer's video lands at ``meetups/{meetup_id}/media/{media_id}/original``, the
media function submits one job (``submit``) that writes, next to the original:

- ``720p.mp4`` and ``480p.mp4``: H.264/AAC, ``moov`` first (playback starts while the file
  downloads), height 720 or 480 with the width following the source's aspect ratio, never
  enlarged (``FIT_NO_UPSCALE``: a 360p source stays 360p in both files);
- ``hls/index.m3u8``: an HLS stream with 4-second segments; its one variant (720p) is
  ``hls/index_720p.m3u8``, with its ``.ts`` segments beside it in ``hls/``;
- ``poster.0000001.jpg``: the frame at 1 s. MediaConvert numbers every frame it captures
  and always captures the first frame, so the job takes two captures, at 0 s and 1 s,
  and also writes ``poster.0000000.jpg``; a source shorter than a second has only that one.
  The completion event names the last capture, which is the poster.

MediaConvert writes new containers and copies no container metadata (a phone's location
included); what it could carry over (timecodes, ID3 and AFD data) is switched off below, and
a phone's rotation flag is applied to the picture rather than copied. MediaConvert reports
the end of a job on EventBridge as a ``MediaConvert Job State Change`` event, which
``completion_from_event`` reads.

MediaConvert answers on its regional endpoint (``https://mediaconvert.{region}.amazonaws.com``,
boto3's default); the account-specific endpoint that ``DescribeEndpoints`` used to hand out
is no longer needed, so the client comes from the same factory as every other client.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from botocore.exceptions import ClientError

from slsplay.adapters.media_processing import check_upload_claim, process_photo
from slsplay.domain.media import Media, MediaKind, Rendition, media_prefix
from slsplay.ports import ConversionEnded, MediaStorage, Processed

if TYPE_CHECKING:
    from mypy_boto3_mediaconvert import MediaConvertClient
    from mypy_boto3_mediaconvert.type_defs import (
        AudioDescriptionTypeDef,
        CreateJobRequestTypeDef,
        JobSettingsTypeDef,
        OutputGroupTypeDef,
        OutputTypeDef,
        VideoDescriptionTypeDef,
    )

AUDIO_SELECTOR = "Audio Selector 1"
HLS_SEGMENT_SECONDS = 4
# QVBR aims at a quality level (1-10) and spends bits where a scene needs them, up to the
# maximum bitrate, which keeps the stream playable on a modest connection.
_MAX_BITRATE = {720: 5_000_000, 480: 2_500_000}
_QVBR_QUALITY = 7

# Nothing in the product shows a job's progress: as few STATUS_UPDATE events as there can be.
_STATUS_UPDATE_INTERVAL: Final = "SECONDS_600"

FinalStatus = Literal["COMPLETE", "ERROR", "CANCELED"]
_FINAL: tuple[FinalStatus, ...] = ("COMPLETE", "ERROR", "CANCELED")

# What a person is told when a job fails, by MediaConvert's error code
# (https://docs.aws.amazon.com/mediaconvert/latest/ug/mediaconvert_error_codes.html).
# MediaConvert's own message names the bucket and the key, so it goes to the logs only.
_REASONS: dict[int, str] = {
    # The words of the local transcoder (slsplay.media.videos) for the same failure.
    1010: "The video could not be read; it may be damaged.",
}
_OTHER_ERROR = "The video could not be converted (error {code})."
_NO_CODE = "The video could not be converted."
_CANCELED = "The video's conversion was cancelled."

# Client errors after which submitting the same request again cannot succeed: the settings,
# the role or the queue are wrong. Throttling and server errors propagate, to be retried.
_REFUSALS = {
    "BadRequestException",
    "ForbiddenException",
    "NotFoundException",
    "ConflictException",
}


class JobRefused(RuntimeError):
    """MediaConvert refused the job request: a fault of the deployment, not of the video."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(f"{code}: {message}")


# -- the job --------------------------------------------------------------------------------


def job_settings(
    source_uri: str, destination_prefix: str, *, has_audio: bool = True
) -> JobSettingsTypeDef:
    """The ``Settings`` of a CreateJob request that converts ``source_uri`` (``s3://...``)
    into the renditions under ``destination_prefix`` (``s3://bucket/.../``, with the slash).

    ``has_audio=False`` (the upload check found no audio track) leaves audio out of every
    output, as the local transcoder does. Left ``True``, the audio selector names no track,
    so the job cannot fail on a missing one; for a source without audio, MediaConvert then
    fills the outputs' audio with silence (its documented fallback for audio it cannot
    find; no test here can run a job, so pass what the probe found whenever it is known).
    """
    if not source_uri.startswith("s3://"):
        raise ValueError(f"the source must be an s3:// URI, not {source_uri!r}")
    if not (destination_prefix.startswith("s3://") and destination_prefix.endswith("/")):
        raise ValueError(
            f"the destination must be an s3:// prefix ending in /: {destination_prefix!r}"
        )
    return {
        "TimecodeConfig": {"Source": "ZEROBASED"},
        "Inputs": [
            {
                "FileInput": source_uri,
                "TimecodeSource": "ZEROBASED",
                # Phones record upright video as landscape plus a rotation flag, which
                # MediaConvert does not carry over: turn the picture itself instead.
                "VideoSelector": {"Rotate": "AUTO"},
                # No "Tracks": a selector naming track 1 fails the job ("Audio track [1] not
                # found in input container") when the source has no audio; the default
                # selector without tracks takes the audio there is.
                "AudioSelectors": {AUDIO_SELECTOR: {"DefaultSelection": "DEFAULT"}},
            }
        ],
        "OutputGroups": [
            _mp4_group(destination_prefix, 720, has_audio),
            _mp4_group(destination_prefix, 480, has_audio),
            _hls_group(destination_prefix, 720, has_audio),
            _poster_group(destination_prefix),
        ],
    }


def _mp4_group(prefix: str, height: int, has_audio: bool) -> OutputGroupTypeDef:
    # One group per file: a group's outputs share one base name (its destination), and
    # only a group of its own lets a file be called exactly "720p.mp4".
    output: OutputTypeDef = {
        "ContainerSettings": {
            "Container": "MP4",
            "Mp4Settings": {"MoovPlacement": "PROGRESSIVE_DOWNLOAD"},
        },
        "VideoDescription": _h264(height),
    }
    if has_audio:
        output["AudioDescriptions"] = [_aac()]
    return {
        "Name": f"MP4 {height}p",
        "OutputGroupSettings": {
            "Type": "FILE_GROUP_SETTINGS",
            "FileGroupSettings": {"Destination": f"{prefix}{height}p"},
        },
        "Outputs": [output],
    }


def _hls_group(prefix: str, height: int, has_audio: bool) -> OutputGroupTypeDef:
    output: OutputTypeDef = {
        "NameModifier": f"_{height}p",
        "ContainerSettings": {
            "Container": "M3U8",
            "M3u8Settings": {"TimedMetadata": "NONE", "Scte35Source": "NONE"},
        },
        "OutputSettings": {"HlsSettings": {}},
        "VideoDescription": _h264(height),
    }
    if has_audio:
        output["AudioDescriptions"] = [_aac()]
    return {
        "Name": "HLS",
        "OutputGroupSettings": {
            "Type": "HLS_GROUP_SETTINGS",
            "HlsGroupSettings": {
                "Destination": f"{prefix}hls/index",
                "SegmentLength": HLS_SEGMENT_SECONDS,
                "MinSegmentLength": 0,
                # Cut every 4 s exactly (adding I-frames where needed), as ffmpeg's hls_time
                # does locally, rather than at the next GOP boundary.
                "SegmentLengthControl": "EXACT",
                "SegmentControl": "SEGMENTED_FILES",
                "DirectoryStructure": "SINGLE_DIRECTORY",
                "OutputSelection": "MANIFESTS_AND_SEGMENTS",
                "ManifestDurationFormat": "FLOATING_POINT",
                "ProgramDateTime": "EXCLUDE",
                "TimedMetadataId3Frame": "NONE",
                "StreamInfResolution": "INCLUDE",
            },
        },
        "Outputs": [output],
    }


def _poster_group(prefix: str) -> OutputGroupTypeDef:
    return {
        "Name": "Poster",
        "OutputGroupSettings": {
            "Type": "FILE_GROUP_SETTINGS",
            "FileGroupSettings": {"Destination": f"{prefix}poster"},
        },
        "Outputs": [
            {
                "ContainerSettings": {"Container": "RAW"},
                "VideoDescription": {
                    "Height": 720,
                    "ScalingBehavior": "FIT_NO_UPSCALE",
                    "CodecSettings": {
                        "Codec": "FRAME_CAPTURE",
                        # The first frame, then one a second, two in all: 0 s and 1 s.
                        "FrameCaptureSettings": {
                            "FramerateNumerator": 1,
                            "FramerateDenominator": 1,
                            "MaxCaptures": 2,
                            "Quality": 80,
                        },
                    },
                },
            }
        ],
    }


def _h264(height: int) -> VideoDescriptionTypeDef:
    return {
        # Width left out: it follows the source's aspect ratio.
        "Height": height,
        "ScalingBehavior": "FIT_NO_UPSCALE",
        "Sharpness": 50,
        "AfdSignaling": "NONE",
        "RespondToAfd": "NONE",
        "TimecodeInsertion": "DISABLED",
        "CodecSettings": {
            "Codec": "H_264",
            "H264Settings": {
                "RateControlMode": "QVBR",
                "QvbrSettings": {"QvbrQualityLevel": _QVBR_QUALITY},
                "MaxBitrate": _MAX_BITRATE[height],
                "CodecProfile": "HIGH",
                "CodecLevel": "AUTO",
                "InterlaceMode": "PROGRESSIVE",
                "SceneChangeDetect": "TRANSITION_DETECTION",
                "QualityTuningLevel": "SINGLE_PASS_HQ",
                "FramerateControl": "INITIALIZE_FROM_SOURCE",
                "ParControl": "INITIALIZE_FROM_SOURCE",
            },
        },
    }


def _aac() -> AudioDescriptionTypeDef:
    return {
        "AudioSourceName": AUDIO_SELECTOR,
        "CodecSettings": {
            "Codec": "AAC",
            "AacSettings": {
                "Bitrate": 128_000,
                "CodingMode": "CODING_MODE_2_0",
                "SampleRate": 48_000,
                "CodecProfile": "LC",
                "RateControlMode": "CBR",
            },
        },
    }


def submit(
    client: MediaConvertClient,
    *,
    role_arn: str,
    queue_arn: str | None,
    source_uri: str,
    destination_prefix: str,
    user_metadata: Mapping[str, str],
    has_audio: bool = True,
    client_request_token: str | None = None,
) -> str:
    """Start converting one video; answers the job's id.

    ``user_metadata`` (``meetup_id``, ``media_id``) comes back in the completion event.
    ``client_request_token`` makes a retry within a minute return the same job instead of
    starting a second one. Accelerated transcoding is not asked for: it is billed at the
    professional tier and only pays off for long, complex sources, which uploads of at most
    200 MB are not. ``JobRefused`` when MediaConvert refuses the request itself.
    """
    request: CreateJobRequestTypeDef = {
        "Role": role_arn,
        "Settings": job_settings(source_uri, destination_prefix, has_audio=has_audio),
        "UserMetadata": dict(user_metadata),
        "StatusUpdateInterval": _STATUS_UPDATE_INTERVAL,
    }
    if queue_arn is not None:
        request["Queue"] = queue_arn
    if client_request_token is not None:
        request["ClientRequestToken"] = client_request_token
    try:
        response = client.create_job(**request)
    except ClientError as e:
        error = e.response.get("Error", {})
        code = error.get("Code", "")
        if code in _REFUSALS:
            raise JobRefused(code, error.get("Message", "")) from e
        raise
    return response["Job"]["Id"]


# -- its end --------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutputFile:
    """One file a finished job wrote, as the completion event reports it."""

    key: str  # in the bucket: "meetups/m1/media/x1/720p.mp4"
    group: str  # "FILE_GROUP", "HLS_GROUP"
    width: int | None = None
    height: int | None = None
    duration_ms: int | None = None


@dataclass(frozen=True)
class Completion:
    """How a job ended, for the media item it converted."""

    job_id: str
    status: FinalStatus
    meetup_id: str
    media_id: str
    outputs: tuple[OutputFile, ...] = ()
    hls_playlist: str | None = None  # the key of the multivariant playlist
    reason: str | None = None  # for ERROR and CANCELED, to show the organizer
    error_code: int | None = None
    error_message: str | None = None  # MediaConvert's own words, for the logs

    @property
    def duration_seconds(self) -> float | None:
        """The video's length, as the longest output reports it."""
        durations = [o.duration_ms for o in self.outputs if o.duration_ms is not None]
        return max(durations) / 1000 if durations else None

    def renditions(self, prefix: str) -> tuple[Rendition, ...]:
        """The outputs as the media item lists them, named relative to its ``prefix``."""
        found: list[Rendition] = []
        for output in self.outputs:
            if output.group == "HLS_GROUP":
                continue  # the variants are reached through the playlist
            content_type = "image/jpeg" if output.key.endswith(".jpg") else "video/mp4"
            found.append(
                Rendition(_relative(output.key, prefix), content_type, output.width, output.height)
            )
        if self.hls_playlist is not None:
            variants = [o for o in self.outputs if o.group == "HLS_GROUP" and o.height]
            tallest = max(variants, key=lambda o: o.height or 0, default=None)
            found.append(
                Rendition(
                    _relative(self.hls_playlist, prefix),
                    "application/vnd.apple.mpegurl",
                    tallest.width if tallest else None,
                    tallest.height if tallest else None,
                )
            )
        return tuple(found)


def completion_from_event(event: Mapping[str, Any]) -> Completion:
    """Read an EventBridge ``MediaConvert Job State Change`` event of a job that ended.

    ``ValueError`` for another kind of event, a job still running, or a job that slsplay
    did not submit (no ``meetup_id`` and ``media_id`` in its user metadata).
    """
    if (
        event.get("source") != "aws.mediaconvert"
        or event.get("detail-type") != "MediaConvert Job State Change"
    ):
        raise ValueError("not a MediaConvert job state change")
    detail: Mapping[str, Any] = event["detail"]
    status = detail.get("status")
    if status not in _FINAL:
        raise ValueError(f"the job has not ended: {status}")
    metadata: Mapping[str, str] = detail.get("userMetadata") or {}
    if "meetup_id" not in metadata or "media_id" not in metadata:
        raise ValueError("not a job of slsplay: its user metadata names no media")
    common = {
        "job_id": detail["jobId"],
        "status": status,
        "meetup_id": metadata["meetup_id"],
        "media_id": metadata["media_id"],
    }
    if status == "CANCELED":
        return Completion(**common, reason=_CANCELED)
    if status == "ERROR":
        code = _int_or_none(detail.get("errorCode"))
        return Completion(
            **common,
            reason=_reason(code),
            error_code=code,
            error_message=detail.get("errorMessage"),
        )
    outputs, playlist = _outputs(detail.get("outputGroupDetails") or [])
    return Completion(**common, outputs=outputs, hls_playlist=playlist)


def _reason(code: int | None) -> str:
    if code is None:
        return _NO_CODE
    return _REASONS.get(code, _OTHER_ERROR.format(code=code))


def _outputs(groups: Sequence[Mapping[str, Any]]) -> tuple[tuple[OutputFile, ...], str | None]:
    outputs: list[OutputFile] = []
    playlist: str | None = None
    for group in groups:
        kind = group.get("type", "")
        for path in group.get("playlistFilePaths") or []:
            playlist = playlist or _key_of(path)
        for detail in group.get("outputDetails") or []:
            video = detail.get("videoDetails") or {}
            for path in detail.get("outputFilePaths") or []:
                outputs.append(
                    OutputFile(
                        key=_key_of(path),
                        group=kind,
                        width=_int_or_none(video.get("widthInPx")),
                        height=_int_or_none(video.get("heightInPx")),
                        duration_ms=_int_or_none(detail.get("durationInMs")),
                    )
                )
    return tuple(outputs), playlist


def _key_of(uri: str) -> str:
    """``s3://bucket/a/b`` -> ``a/b``."""
    if not uri.startswith("s3://"):
        raise ValueError(f"not an s3:// URI: {uri!r}")
    _bucket, _, key = uri.removeprefix("s3://").partition("/")
    return key


def _relative(key: str, prefix: str) -> str:
    if not key.startswith(prefix):
        raise ValueError(f"{key!r} is not under {prefix!r}")
    return key.removeprefix(prefix)


def _int_or_none(value: Any) -> int | None:
    return None if value is None else int(value)


# -- the media function's processor ---------------------------------------------------------


class MediaConvertProcessor:
    """Photos made in the function (as locally); videos handed to a MediaConvert job, which
    reports its end on EventBridge (``conversion_ended``)."""

    def __init__(
        self,
        storage: MediaStorage,
        bucket: str,
        client_factory: Callable[[str], Any],
        *,
        role_arn: str,
        queue_arn: str | None = None,
    ) -> None:
        self.storage = storage
        self.bucket = bucket
        self.role_arn = role_arn
        self.queue_arn = queue_arn
        self._client_factory = client_factory

    def process(self, media: Media) -> Processed | None:
        if media.kind is MediaKind.PHOTO:
            with tempfile.TemporaryDirectory(prefix="slsplay-media-") as tmp:
                return process_photo(self.storage, media, Path(tmp))
        check_upload_claim(self.storage, media)
        submit(
            self._client_factory("mediaconvert"),
            role_arn=self.role_arn,
            queue_arn=self.queue_arn,
            source_uri=f"s3://{self.bucket}/{media.upload_key}",
            destination_prefix=f"s3://{self.bucket}/{media.prefix}",
            user_metadata={"meetup_id": media.meetup_id, "media_id": media.id},
            # A redelivery soon after finds the job already started instead of a second one.
            client_request_token=media.id,
        )
        return None

    def conversion_ended(self, notice: Mapping[str, Any]) -> ConversionEnded:
        completion = completion_from_event(notice)
        processed = (
            Processed(
                completion.renditions(media_prefix(completion.meetup_id, completion.media_id)),
                completion.duration_seconds,
            )
            if completion.status == "COMPLETE"
            else None
        )
        return ConversionEnded(
            completion.meetup_id,
            completion.media_id,
            processed,
            reason=completion.reason,
            detail=completion.error_message,
        )
