"""A meetup's photos and videos: a form to upload one straight to storage, and removal."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from slsplay.domain.media import MediaKind
from slsplay.graphql.context import Context
from slsplay.graphql.errors import UserError, attempt
from slsplay.graphql.mutations.payloads import DeletePayload
from slsplay.graphql.relay import local_meetup_id, to_global_id
from slsplay.graphql.types.media import Media, MediaKindChoice, to_media
from slsplay.services import media
from slsplay.services.media import MediaWithLinks


@strawberry.input
class RequestUploadInput:
    meetup_id: strawberry.ID
    kind: MediaKindChoice
    content_type: str
    size: int = strawberry.field(description="In bytes: photos up to 10 MB, videos up to 200 MB.")


@strawberry.type
class FormField:
    name: str
    value: str


@strawberry.type(description="POST the fields as multipart/form-data to url, the file last.")
class UploadForm:
    url: str
    fields: list[FormField]


@strawberry.type
class UploadPayload:
    media: Media | None
    upload: UploadForm | None
    user_errors: list[UserError]


@strawberry.type
class MediaMutations:
    @strawberry.mutation(description="A form that uploads one file straight to storage.")
    def request_upload(self, info: Info[Context, None], input: RequestUploadInput) -> UploadPayload:
        context = info.context
        app = context.app

        def request() -> tuple[Media, UploadForm]:
            item, ticket = media.request_upload(
                app,
                context.user_id,
                local_meetup_id(input.meetup_id),
                kind=MediaKind(input.kind.value),
                content_type=input.content_type,
                size=input.size,
            )
            fields = [FormField(name=k, value=v) for k, v in ticket.fields.items()]
            return to_media(MediaWithLinks(item, {})), UploadForm(url=ticket.url, fields=fields)

        made, errors = attempt(request)
        if made is None:
            return UploadPayload(media=None, upload=None, user_errors=errors)
        return UploadPayload(media=made[0], upload=made[1], user_errors=[])

    @strawberry.mutation(description="Remove a photo or video (its files follow).")
    def remove_media(
        self, info: Info[Context, None], meetup_id: strawberry.ID, media_id: str
    ) -> DeletePayload:
        context = info.context

        def remove() -> strawberry.ID:
            local_meetup = local_meetup_id(meetup_id)
            media.remove_media(context.app, context.user_id, local_meetup, media_id)
            return to_global_id("Media", f"{local_meetup}/{media_id}")

        deleted, errors = attempt(remove)
        return DeletePayload(deleted_id=deleted, user_errors=errors)
