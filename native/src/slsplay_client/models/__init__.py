""" Contains all the data models used in inputs/outputs """

from .answer_invitation_api_rsvp_token_post_response_429 import AnswerInvitationApiRsvpTokenPostResponse429
from .answer_invitation_api_rsvp_token_post_response_500 import AnswerInvitationApiRsvpTokenPostResponse500
from .answer_link_api_meetups_id_invitations_link_post_response_401 import AnswerLinkApiMeetupsIdInvitationsLinkPostResponse401
from .answer_link_api_meetups_id_invitations_link_post_response_429 import AnswerLinkApiMeetupsIdInvitationsLinkPostResponse429
from .answer_link_api_meetups_id_invitations_link_post_response_500 import AnswerLinkApiMeetupsIdInvitationsLinkPostResponse500
from .answer_link_in import AnswerLinkIn
from .answer_link_out import AnswerLinkOut
from .answers_in_hour_out import AnswersInHourOut
from .attendee_out import AttendeeOut
from .attendees_api_meetups_id_attendees_get_response_401 import AttendeesApiMeetupsIdAttendeesGetResponse401
from .attendees_api_meetups_id_attendees_get_response_429 import AttendeesApiMeetupsIdAttendeesGetResponse429
from .attendees_api_meetups_id_attendees_get_response_500 import AttendeesApiMeetupsIdAttendeesGetResponse500
from .attendees_out import AttendeesOut
from .attending_page import AttendingPage
from .authorize_out import AuthorizeOut
from .balance_out import BalanceOut
from .cancel_meetup_api_meetups_id_cancel_post_response_401 import CancelMeetupApiMeetupsIdCancelPostResponse401
from .cancel_meetup_api_meetups_id_cancel_post_response_429 import CancelMeetupApiMeetupsIdCancelPostResponse429
from .cancel_meetup_api_meetups_id_cancel_post_response_500 import CancelMeetupApiMeetupsIdCancelPostResponse500
from .checkout_out import CheckoutOut
from .checkout_started_out import CheckoutStartedOut
from .code_in import CodeIn
from .counts_out import CountsOut
from .create_meetup_api_meetups_post_response_401 import CreateMeetupApiMeetupsPostResponse401
from .create_meetup_api_meetups_post_response_429 import CreateMeetupApiMeetupsPostResponse429
from .create_meetup_api_meetups_post_response_500 import CreateMeetupApiMeetupsPostResponse500
from .delete_meetup_api_meetups_id_delete_response_401 import DeleteMeetupApiMeetupsIdDeleteResponse401
from .delete_meetup_api_meetups_id_delete_response_429 import DeleteMeetupApiMeetupsIdDeleteResponse429
from .delete_meetup_api_meetups_id_delete_response_500 import DeleteMeetupApiMeetupsIdDeleteResponse500
from .email_in import EmailIn
from .entry_out import EntryOut
from .entry_out_kind import EntryOutKind
from .exchange_in import ExchangeIn
from .exchange_social_api_auth_oidc_exchange_post_response_429 import ExchangeSocialApiAuthOidcExchangePostResponse429
from .exchange_social_api_auth_oidc_exchange_post_response_500 import ExchangeSocialApiAuthOidcExchangePostResponse500
from .field_problem import FieldProblem
from .finish_social_api_auth_oidc_provider_callback_get_response_429 import FinishSocialApiAuthOidcProviderCallbackGetResponse429
from .finish_social_api_auth_oidc_provider_callback_get_response_500 import FinishSocialApiAuthOidcProviderCallbackGetResponse500
from .forgot_password_api_auth_password_forgot_post_response_429 import ForgotPasswordApiAuthPasswordForgotPostResponse429
from .forgot_password_api_auth_password_forgot_post_response_500 import ForgotPasswordApiAuthPasswordForgotPostResponse500
from .funnel_out import FunnelOut
from .get_insights_api_meetups_id_insights_get_response_401 import GetInsightsApiMeetupsIdInsightsGetResponse401
from .get_insights_api_meetups_id_insights_get_response_429 import GetInsightsApiMeetupsIdInsightsGetResponse429
from .get_insights_api_meetups_id_insights_get_response_500 import GetInsightsApiMeetupsIdInsightsGetResponse500
from .get_insights_csv_api_meetups_id_insights_csv_get_response_401 import GetInsightsCsvApiMeetupsIdInsightsCsvGetResponse401
from .get_insights_csv_api_meetups_id_insights_csv_get_response_429 import GetInsightsCsvApiMeetupsIdInsightsCsvGetResponse429
from .get_insights_csv_api_meetups_id_insights_csv_get_response_500 import GetInsightsCsvApiMeetupsIdInsightsCsvGetResponse500
from .get_media_api_meetups_id_media_media_id_get_response_401 import GetMediaApiMeetupsIdMediaMediaIdGetResponse401
from .get_media_api_meetups_id_media_media_id_get_response_429 import GetMediaApiMeetupsIdMediaMediaIdGetResponse429
from .get_media_api_meetups_id_media_media_id_get_response_500 import GetMediaApiMeetupsIdMediaMediaIdGetResponse500
from .get_meetup_api_meetups_id_get_response_401 import GetMeetupApiMeetupsIdGetResponse401
from .get_meetup_api_meetups_id_get_response_429 import GetMeetupApiMeetupsIdGetResponse429
from .get_meetup_api_meetups_id_get_response_500 import GetMeetupApiMeetupsIdGetResponse500
from .get_meetup_calendar_api_meetups_id_calendar_ics_get_response_401 import GetMeetupCalendarApiMeetupsIdCalendarIcsGetResponse401
from .get_meetup_calendar_api_meetups_id_calendar_ics_get_response_429 import GetMeetupCalendarApiMeetupsIdCalendarIcsGetResponse429
from .get_meetup_calendar_api_meetups_id_calendar_ics_get_response_500 import GetMeetupCalendarApiMeetupsIdCalendarIcsGetResponse500
from .get_series_api_meetups_id_series_get_response_401 import GetSeriesApiMeetupsIdSeriesGetResponse401
from .get_series_api_meetups_id_series_get_response_429 import GetSeriesApiMeetupsIdSeriesGetResponse429
from .get_series_api_meetups_id_series_get_response_500 import GetSeriesApiMeetupsIdSeriesGetResponse500
from .get_series_calendar_api_meetups_id_series_ics_get_response_401 import GetSeriesCalendarApiMeetupsIdSeriesIcsGetResponse401
from .get_series_calendar_api_meetups_id_series_ics_get_response_429 import GetSeriesCalendarApiMeetupsIdSeriesIcsGetResponse429
from .get_series_calendar_api_meetups_id_series_ics_get_response_500 import GetSeriesCalendarApiMeetupsIdSeriesIcsGetResponse500
from .graphql_answer_out import GraphqlAnswerOut
from .graphql_answer_out_data_type_0 import GraphqlAnswerOutDataType0
from .graphql_error_out import GraphqlErrorOut
from .graphql_error_out_extensions_type_0 import GraphqlErrorOutExtensionsType0
from .graphql_error_out_locations_type_0_item import GraphqlErrorOutLocationsType0Item
from .graphql_get_response_429 import GraphqlGetResponse429
from .graphql_get_response_500 import GraphqlGetResponse500
from .graphql_post_response_429 import GraphqlPostResponse429
from .graphql_post_response_500 import GraphqlPostResponse500
from .graphql_request import GraphqlRequest
from .graphql_request_variables_type_0 import GraphqlRequestVariablesType0
from .http_validation_error import HTTPValidationError
from .insights_out import InsightsOut
from .invitation_calendar_api_rsvp_token_calendar_ics_get_response_429 import InvitationCalendarApiRsvpTokenCalendarIcsGetResponse429
from .invitation_calendar_api_rsvp_token_calendar_ics_get_response_500 import InvitationCalendarApiRsvpTokenCalendarIcsGetResponse500
from .invitation_out import InvitationOut
from .invitation_out_response import InvitationOutResponse
from .invitations_out import InvitationsOut
from .invite_people_api_meetups_id_invitations_post_response_401 import InvitePeopleApiMeetupsIdInvitationsPostResponse401
from .invite_people_api_meetups_id_invitations_post_response_429 import InvitePeopleApiMeetupsIdInvitationsPostResponse429
from .invite_people_api_meetups_id_invitations_post_response_500 import InvitePeopleApiMeetupsIdInvitationsPostResponse500
from .invite_request import InviteRequest
from .invitee_in import InviteeIn
from .join_by_link_api_rsvp_token_join_get_response_429 import JoinByLinkApiRsvpTokenJoinGetResponse429
from .join_by_link_api_rsvp_token_join_get_response_500 import JoinByLinkApiRsvpTokenJoinGetResponse500
from .join_link_out import JoinLinkOut
from .join_meetup_api_meetups_id_join_post_response_401 import JoinMeetupApiMeetupsIdJoinPostResponse401
from .join_meetup_api_meetups_id_join_post_response_429 import JoinMeetupApiMeetupsIdJoinPostResponse429
from .join_meetup_api_meetups_id_join_post_response_500 import JoinMeetupApiMeetupsIdJoinPostResponse500
from .joined_out import JoinedOut
from .jwk_out import JwkOut
from .jwks_out import JwksOut
from .jwks_well_known_jwks_json_get_response_429 import JwksWellKnownJwksJsonGetResponse429
from .jwks_well_known_jwks_json_get_response_500 import JwksWellKnownJwksJsonGetResponse500
from .list_invitations_api_meetups_id_invitations_get_response_401 import ListInvitationsApiMeetupsIdInvitationsGetResponse401
from .list_invitations_api_meetups_id_invitations_get_response_429 import ListInvitationsApiMeetupsIdInvitationsGetResponse429
from .list_invitations_api_meetups_id_invitations_get_response_500 import ListInvitationsApiMeetupsIdInvitationsGetResponse500
from .log_in_api_auth_login_post_response_429 import LogInApiAuthLoginPostResponse429
from .log_in_api_auth_login_post_response_500 import LogInApiAuthLoginPostResponse500
from .log_out_api_auth_logout_post_response_429 import LogOutApiAuthLogoutPostResponse429
from .log_out_api_auth_logout_post_response_500 import LogOutApiAuthLogoutPostResponse500
from .login_in import LoginIn
from .me_api_me_get_response_401 import MeApiMeGetResponse401
from .me_api_me_get_response_429 import MeApiMeGetResponse429
from .me_api_me_get_response_500 import MeApiMeGetResponse500
from .media_in import MediaIn
from .media_in_content_type import MediaInContentType
from .media_in_kind import MediaInKind
from .media_out import MediaOut
from .media_out_kind import MediaOutKind
from .media_out_status import MediaOutStatus
from .media_upload_out import MediaUploadOut
from .meetup_create import MeetupCreate
from .meetup_create_category import MeetupCreateCategory
from .meetup_create_timezone import MeetupCreateTimezone
from .meetup_create_visibility import MeetupCreateVisibility
from .meetup_out import MeetupOut
from .meetup_out_category import MeetupOutCategory
from .meetup_out_phase import MeetupOutPhase
from .meetup_out_status import MeetupOutStatus
from .meetup_out_visibility import MeetupOutVisibility
from .meetup_page_m_id_get_response_429 import MeetupPageMIdGetResponse429
from .meetup_page_m_id_get_response_500 import MeetupPageMIdGetResponse500
from .meetup_update import MeetupUpdate
from .meetup_update_category_type_0 import MeetupUpdateCategoryType0
from .meetup_update_timezone_type_0 import MeetupUpdateTimezoneType0
from .meetup_update_visibility_type_0 import MeetupUpdateVisibilityType0
from .meetups_page import MeetupsPage
from .my_answer_link_api_me_invitations_id_answer_link_post_response_401 import MyAnswerLinkApiMeInvitationsIdAnswerLinkPostResponse401
from .my_answer_link_api_me_invitations_id_answer_link_post_response_429 import MyAnswerLinkApiMeInvitationsIdAnswerLinkPostResponse429
from .my_answer_link_api_me_invitations_id_answer_link_post_response_500 import MyAnswerLinkApiMeInvitationsIdAnswerLinkPostResponse500
from .my_balance_api_me_balance_get_response_401 import MyBalanceApiMeBalanceGetResponse401
from .my_balance_api_me_balance_get_response_429 import MyBalanceApiMeBalanceGetResponse429
from .my_balance_api_me_balance_get_response_500 import MyBalanceApiMeBalanceGetResponse500
from .my_invitations_api_me_invitations_get_response_401 import MyInvitationsApiMeInvitationsGetResponse401
from .my_invitations_api_me_invitations_get_response_429 import MyInvitationsApiMeInvitationsGetResponse429
from .my_invitations_api_me_invitations_get_response_500 import MyInvitationsApiMeInvitationsGetResponse500
from .my_invitations_api_me_invitations_get_when import MyInvitationsApiMeInvitationsGetWhen
from .my_join_link_api_me_invitations_id_join_post_response_401 import MyJoinLinkApiMeInvitationsIdJoinPostResponse401
from .my_join_link_api_me_invitations_id_join_post_response_429 import MyJoinLinkApiMeInvitationsIdJoinPostResponse429
from .my_join_link_api_me_invitations_id_join_post_response_500 import MyJoinLinkApiMeInvitationsIdJoinPostResponse500
from .my_meetups_api_me_meetups_get_response_401 import MyMeetupsApiMeMeetupsGetResponse401
from .my_meetups_api_me_meetups_get_response_429 import MyMeetupsApiMeMeetupsGetResponse429
from .my_meetups_api_me_meetups_get_response_500 import MyMeetupsApiMeMeetupsGetResponse500
from .occurrence_out import OccurrenceOut
from .occurrence_out_status import OccurrenceOutStatus
from .onboarding_out import OnboardingOut
from .open_id_configuration_out import OpenIdConfigurationOut
from .openapi_document_get_response_200 import OpenapiDocumentGetResponse200
from .openapi_document_get_response_429 import OpenapiDocumentGetResponse429
from .openapi_document_get_response_500 import OpenapiDocumentGetResponse500
from .openid_configuration_well_known_openid_configuration_get_response_429 import OpenidConfigurationWellKnownOpenidConfigurationGetResponse429
from .openid_configuration_well_known_openid_configuration_get_response_500 import OpenidConfigurationWellKnownOpenidConfigurationGetResponse500
from .organizer_out import OrganizerOut
from .pay_out_api_me_payouts_post_response_401 import PayOutApiMePayoutsPostResponse401
from .pay_out_api_me_payouts_post_response_429 import PayOutApiMePayoutsPostResponse429
from .pay_out_api_me_payouts_post_response_500 import PayOutApiMePayoutsPostResponse500
from .payment_webhook_api_payments_webhook_post_response_429 import PaymentWebhookApiPaymentsWebhookPostResponse429
from .payment_webhook_api_payments_webhook_post_response_500 import PaymentWebhookApiPaymentsWebhookPostResponse500
from .payout_account_api_me_payout_account_post_response_401 import PayoutAccountApiMePayoutAccountPostResponse401
from .payout_account_api_me_payout_account_post_response_429 import PayoutAccountApiMePayoutAccountPostResponse429
from .payout_account_api_me_payout_account_post_response_500 import PayoutAccountApiMePayoutAccountPostResponse500
from .payout_account_out import PayoutAccountOut
from .payouts_out import PayoutsOut
from .price_in import PriceIn
from .price_in_currency import PriceInCurrency
from .price_out import PriceOut
from .problem import Problem
from .provider_out import ProviderOut
from .providers_api_auth_providers_get_response_429 import ProvidersApiAuthProvidersGetResponse429
from .providers_api_auth_providers_get_response_500 import ProvidersApiAuthProvidersGetResponse500
from .providers_out import ProvidersOut
from .publish_meetup_api_meetups_id_publish_post_response_401 import PublishMeetupApiMeetupsIdPublishPostResponse401
from .publish_meetup_api_meetups_id_publish_post_response_429 import PublishMeetupApiMeetupsIdPublishPostResponse429
from .publish_meetup_api_meetups_id_publish_post_response_500 import PublishMeetupApiMeetupsIdPublishPostResponse500
from .quote_out import QuoteOut
from .recurrence_in import RecurrenceIn
from .recurrence_in_by import RecurrenceInBy
from .recurrence_in_nth_type_0 import RecurrenceInNthType0
from .recurrence_out import RecurrenceOut
from .recurrence_out_by import RecurrenceOutBy
from .refresh_api_auth_refresh_post_response_429 import RefreshApiAuthRefreshPostResponse429
from .refresh_api_auth_refresh_post_response_500 import RefreshApiAuthRefreshPostResponse500
from .refresh_in import RefreshIn
from .reminder_out import ReminderOut
from .remove_media_api_meetups_id_media_media_id_delete_response_401 import RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse401
from .remove_media_api_meetups_id_media_media_id_delete_response_429 import RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse429
from .remove_media_api_meetups_id_media_media_id_delete_response_500 import RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse500
from .rendition_out import RenditionOut
from .request_code_api_auth_code_post_response_429 import RequestCodeApiAuthCodePostResponse429
from .request_code_api_auth_code_post_response_500 import RequestCodeApiAuthCodePostResponse500
from .request_upload_api_meetups_id_media_post_response_401 import RequestUploadApiMeetupsIdMediaPostResponse401
from .request_upload_api_meetups_id_media_post_response_429 import RequestUploadApiMeetupsIdMediaPostResponse429
from .request_upload_api_meetups_id_media_post_response_500 import RequestUploadApiMeetupsIdMediaPostResponse500
from .resend_verification_api_auth_verify_resend_post_response_401 import ResendVerificationApiAuthVerifyResendPostResponse401
from .resend_verification_api_auth_verify_resend_post_response_429 import ResendVerificationApiAuthVerifyResendPostResponse429
from .resend_verification_api_auth_verify_resend_post_response_500 import ResendVerificationApiAuthVerifyResendPostResponse500
from .reset_in import ResetIn
from .reset_password_api_auth_password_reset_post_response_429 import ResetPasswordApiAuthPasswordResetPostResponse429
from .reset_password_api_auth_password_reset_post_response_500 import ResetPasswordApiAuthPasswordResetPostResponse500
from .response_validation_error import ResponseValidationError
from .revenue_of_day_out import RevenueOfDayOut
from .rsvp_in import RsvpIn
from .rsvp_in_response import RsvpInResponse
from .rsvp_in_scope import RsvpInScope
from .rsvp_invitation_out import RsvpInvitationOut
from .rsvp_invitation_out_response import RsvpInvitationOutResponse
from .rsvp_out import RsvpOut
from .search_meetups_api_meetups_get_category import SearchMeetupsApiMeetupsGetCategory
from .search_meetups_api_meetups_get_response_429 import SearchMeetupsApiMeetupsGetResponse429
from .search_meetups_api_meetups_get_response_500 import SearchMeetupsApiMeetupsGetResponse500
from .search_meetups_api_meetups_get_sort import SearchMeetupsApiMeetupsGetSort
from .series_out import SeriesOut
from .series_ref_out import SeriesRefOut
from .session_out import SessionOut
from .share_image_m_id_share_png_get_response_429 import ShareImageMIdSharePngGetResponse429
from .share_image_m_id_share_png_get_response_500 import ShareImageMIdSharePngGetResponse500
from .sign_in_with_code_api_auth_code_verify_post_response_429 import SignInWithCodeApiAuthCodeVerifyPostResponse429
from .sign_in_with_code_api_auth_code_verify_post_response_500 import SignInWithCodeApiAuthCodeVerifyPostResponse500
from .sign_up_api_auth_signup_post_response_429 import SignUpApiAuthSignupPostResponse429
from .sign_up_api_auth_signup_post_response_500 import SignUpApiAuthSignupPostResponse500
from .signup_in import SignupIn
from .start_as_guest_api_auth_guest_post_response_429 import StartAsGuestApiAuthGuestPostResponse429
from .start_as_guest_api_auth_guest_post_response_500 import StartAsGuestApiAuthGuestPostResponse500
from .start_checkout_api_rsvp_token_checkout_post_response_429 import StartCheckoutApiRsvpTokenCheckoutPostResponse429
from .start_checkout_api_rsvp_token_checkout_post_response_500 import StartCheckoutApiRsvpTokenCheckoutPostResponse500
from .start_social_api_auth_oidc_provider_start_get_response_429 import StartSocialApiAuthOidcProviderStartGetResponse429
from .start_social_api_auth_oidc_provider_start_get_response_500 import StartSocialApiAuthOidcProviderStartGetResponse500
from .statement_out import StatementOut
from .stream_api_media_meetup_id_media_id_grant_folder_name_get_response_429 import StreamApiMediaMeetupIdMediaIdGrantFolderNameGetResponse429
from .stream_api_media_meetup_id_media_id_grant_folder_name_get_response_500 import StreamApiMediaMeetupIdMediaIdGrantFolderNameGetResponse500
from .swagger_ui_get_response_429 import SwaggerUiGetResponse429
from .swagger_ui_get_response_500 import SwaggerUiGetResponse500
from .ticket_out import TicketOut
from .ticket_out_status import TicketOutStatus
from .unsubscribe_api_unsubscribe_token_post_response_429 import UnsubscribeApiUnsubscribeTokenPostResponse429
from .unsubscribe_api_unsubscribe_token_post_response_500 import UnsubscribeApiUnsubscribeTokenPostResponse500
from .unsubscribe_page_api_unsubscribe_token_get_response_429 import UnsubscribePageApiUnsubscribeTokenGetResponse429
from .unsubscribe_page_api_unsubscribe_token_get_response_500 import UnsubscribePageApiUnsubscribeTokenGetResponse500
from .unsubscribed_out import UnsubscribedOut
from .update_meetup_api_meetups_id_patch_apply_to import UpdateMeetupApiMeetupsIdPatchApplyTo
from .update_meetup_api_meetups_id_patch_response_401 import UpdateMeetupApiMeetupsIdPatchResponse401
from .update_meetup_api_meetups_id_patch_response_429 import UpdateMeetupApiMeetupsIdPatchResponse429
from .update_meetup_api_meetups_id_patch_response_500 import UpdateMeetupApiMeetupsIdPatchResponse500
from .upload_out import UploadOut
from .upload_out_fields import UploadOutFields
from .user_out import UserOut
from .validation_error import ValidationError
from .verify_email_api_auth_verify_post_response_429 import VerifyEmailApiAuthVerifyPostResponse429
from .verify_email_api_auth_verify_post_response_500 import VerifyEmailApiAuthVerifyPostResponse500
from .verify_in import VerifyIn
from .view_invitation_api_rsvp_token_get_response_429 import ViewInvitationApiRsvpTokenGetResponse429
from .view_invitation_api_rsvp_token_get_response_500 import ViewInvitationApiRsvpTokenGetResponse500
from .waiting_out import WaitingOut
from .webhook_out import WebhookOut

__all__ = (
    "AnswerInvitationApiRsvpTokenPostResponse429",
    "AnswerInvitationApiRsvpTokenPostResponse500",
    "AnswerLinkApiMeetupsIdInvitationsLinkPostResponse401",
    "AnswerLinkApiMeetupsIdInvitationsLinkPostResponse429",
    "AnswerLinkApiMeetupsIdInvitationsLinkPostResponse500",
    "AnswerLinkIn",
    "AnswerLinkOut",
    "AnswersInHourOut",
    "AttendeeOut",
    "AttendeesApiMeetupsIdAttendeesGetResponse401",
    "AttendeesApiMeetupsIdAttendeesGetResponse429",
    "AttendeesApiMeetupsIdAttendeesGetResponse500",
    "AttendeesOut",
    "AttendingPage",
    "AuthorizeOut",
    "BalanceOut",
    "CancelMeetupApiMeetupsIdCancelPostResponse401",
    "CancelMeetupApiMeetupsIdCancelPostResponse429",
    "CancelMeetupApiMeetupsIdCancelPostResponse500",
    "CheckoutOut",
    "CheckoutStartedOut",
    "CodeIn",
    "CountsOut",
    "CreateMeetupApiMeetupsPostResponse401",
    "CreateMeetupApiMeetupsPostResponse429",
    "CreateMeetupApiMeetupsPostResponse500",
    "DeleteMeetupApiMeetupsIdDeleteResponse401",
    "DeleteMeetupApiMeetupsIdDeleteResponse429",
    "DeleteMeetupApiMeetupsIdDeleteResponse500",
    "EmailIn",
    "EntryOut",
    "EntryOutKind",
    "ExchangeIn",
    "ExchangeSocialApiAuthOidcExchangePostResponse429",
    "ExchangeSocialApiAuthOidcExchangePostResponse500",
    "FieldProblem",
    "FinishSocialApiAuthOidcProviderCallbackGetResponse429",
    "FinishSocialApiAuthOidcProviderCallbackGetResponse500",
    "ForgotPasswordApiAuthPasswordForgotPostResponse429",
    "ForgotPasswordApiAuthPasswordForgotPostResponse500",
    "FunnelOut",
    "GetInsightsApiMeetupsIdInsightsGetResponse401",
    "GetInsightsApiMeetupsIdInsightsGetResponse429",
    "GetInsightsApiMeetupsIdInsightsGetResponse500",
    "GetInsightsCsvApiMeetupsIdInsightsCsvGetResponse401",
    "GetInsightsCsvApiMeetupsIdInsightsCsvGetResponse429",
    "GetInsightsCsvApiMeetupsIdInsightsCsvGetResponse500",
    "GetMediaApiMeetupsIdMediaMediaIdGetResponse401",
    "GetMediaApiMeetupsIdMediaMediaIdGetResponse429",
    "GetMediaApiMeetupsIdMediaMediaIdGetResponse500",
    "GetMeetupApiMeetupsIdGetResponse401",
    "GetMeetupApiMeetupsIdGetResponse429",
    "GetMeetupApiMeetupsIdGetResponse500",
    "GetMeetupCalendarApiMeetupsIdCalendarIcsGetResponse401",
    "GetMeetupCalendarApiMeetupsIdCalendarIcsGetResponse429",
    "GetMeetupCalendarApiMeetupsIdCalendarIcsGetResponse500",
    "GetSeriesApiMeetupsIdSeriesGetResponse401",
    "GetSeriesApiMeetupsIdSeriesGetResponse429",
    "GetSeriesApiMeetupsIdSeriesGetResponse500",
    "GetSeriesCalendarApiMeetupsIdSeriesIcsGetResponse401",
    "GetSeriesCalendarApiMeetupsIdSeriesIcsGetResponse429",
    "GetSeriesCalendarApiMeetupsIdSeriesIcsGetResponse500",
    "GraphqlAnswerOut",
    "GraphqlAnswerOutDataType0",
    "GraphqlErrorOut",
    "GraphqlErrorOutExtensionsType0",
    "GraphqlErrorOutLocationsType0Item",
    "GraphqlGetResponse429",
    "GraphqlGetResponse500",
    "GraphqlPostResponse429",
    "GraphqlPostResponse500",
    "GraphqlRequest",
    "GraphqlRequestVariablesType0",
    "HTTPValidationError",
    "InsightsOut",
    "InvitationCalendarApiRsvpTokenCalendarIcsGetResponse429",
    "InvitationCalendarApiRsvpTokenCalendarIcsGetResponse500",
    "InvitationOut",
    "InvitationOutResponse",
    "InvitationsOut",
    "InviteeIn",
    "InvitePeopleApiMeetupsIdInvitationsPostResponse401",
    "InvitePeopleApiMeetupsIdInvitationsPostResponse429",
    "InvitePeopleApiMeetupsIdInvitationsPostResponse500",
    "InviteRequest",
    "JoinByLinkApiRsvpTokenJoinGetResponse429",
    "JoinByLinkApiRsvpTokenJoinGetResponse500",
    "JoinedOut",
    "JoinLinkOut",
    "JoinMeetupApiMeetupsIdJoinPostResponse401",
    "JoinMeetupApiMeetupsIdJoinPostResponse429",
    "JoinMeetupApiMeetupsIdJoinPostResponse500",
    "JwkOut",
    "JwksOut",
    "JwksWellKnownJwksJsonGetResponse429",
    "JwksWellKnownJwksJsonGetResponse500",
    "ListInvitationsApiMeetupsIdInvitationsGetResponse401",
    "ListInvitationsApiMeetupsIdInvitationsGetResponse429",
    "ListInvitationsApiMeetupsIdInvitationsGetResponse500",
    "LogInApiAuthLoginPostResponse429",
    "LogInApiAuthLoginPostResponse500",
    "LoginIn",
    "LogOutApiAuthLogoutPostResponse429",
    "LogOutApiAuthLogoutPostResponse500",
    "MeApiMeGetResponse401",
    "MeApiMeGetResponse429",
    "MeApiMeGetResponse500",
    "MediaIn",
    "MediaInContentType",
    "MediaInKind",
    "MediaOut",
    "MediaOutKind",
    "MediaOutStatus",
    "MediaUploadOut",
    "MeetupCreate",
    "MeetupCreateCategory",
    "MeetupCreateTimezone",
    "MeetupCreateVisibility",
    "MeetupOut",
    "MeetupOutCategory",
    "MeetupOutPhase",
    "MeetupOutStatus",
    "MeetupOutVisibility",
    "MeetupPageMIdGetResponse429",
    "MeetupPageMIdGetResponse500",
    "MeetupsPage",
    "MeetupUpdate",
    "MeetupUpdateCategoryType0",
    "MeetupUpdateTimezoneType0",
    "MeetupUpdateVisibilityType0",
    "MyAnswerLinkApiMeInvitationsIdAnswerLinkPostResponse401",
    "MyAnswerLinkApiMeInvitationsIdAnswerLinkPostResponse429",
    "MyAnswerLinkApiMeInvitationsIdAnswerLinkPostResponse500",
    "MyBalanceApiMeBalanceGetResponse401",
    "MyBalanceApiMeBalanceGetResponse429",
    "MyBalanceApiMeBalanceGetResponse500",
    "MyInvitationsApiMeInvitationsGetResponse401",
    "MyInvitationsApiMeInvitationsGetResponse429",
    "MyInvitationsApiMeInvitationsGetResponse500",
    "MyInvitationsApiMeInvitationsGetWhen",
    "MyJoinLinkApiMeInvitationsIdJoinPostResponse401",
    "MyJoinLinkApiMeInvitationsIdJoinPostResponse429",
    "MyJoinLinkApiMeInvitationsIdJoinPostResponse500",
    "MyMeetupsApiMeMeetupsGetResponse401",
    "MyMeetupsApiMeMeetupsGetResponse429",
    "MyMeetupsApiMeMeetupsGetResponse500",
    "OccurrenceOut",
    "OccurrenceOutStatus",
    "OnboardingOut",
    "OpenapiDocumentGetResponse200",
    "OpenapiDocumentGetResponse429",
    "OpenapiDocumentGetResponse500",
    "OpenIdConfigurationOut",
    "OpenidConfigurationWellKnownOpenidConfigurationGetResponse429",
    "OpenidConfigurationWellKnownOpenidConfigurationGetResponse500",
    "OrganizerOut",
    "PaymentWebhookApiPaymentsWebhookPostResponse429",
    "PaymentWebhookApiPaymentsWebhookPostResponse500",
    "PayoutAccountApiMePayoutAccountPostResponse401",
    "PayoutAccountApiMePayoutAccountPostResponse429",
    "PayoutAccountApiMePayoutAccountPostResponse500",
    "PayoutAccountOut",
    "PayOutApiMePayoutsPostResponse401",
    "PayOutApiMePayoutsPostResponse429",
    "PayOutApiMePayoutsPostResponse500",
    "PayoutsOut",
    "PriceIn",
    "PriceInCurrency",
    "PriceOut",
    "Problem",
    "ProviderOut",
    "ProvidersApiAuthProvidersGetResponse429",
    "ProvidersApiAuthProvidersGetResponse500",
    "ProvidersOut",
    "PublishMeetupApiMeetupsIdPublishPostResponse401",
    "PublishMeetupApiMeetupsIdPublishPostResponse429",
    "PublishMeetupApiMeetupsIdPublishPostResponse500",
    "QuoteOut",
    "RecurrenceIn",
    "RecurrenceInBy",
    "RecurrenceInNthType0",
    "RecurrenceOut",
    "RecurrenceOutBy",
    "RefreshApiAuthRefreshPostResponse429",
    "RefreshApiAuthRefreshPostResponse500",
    "RefreshIn",
    "ReminderOut",
    "RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse401",
    "RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse429",
    "RemoveMediaApiMeetupsIdMediaMediaIdDeleteResponse500",
    "RenditionOut",
    "RequestCodeApiAuthCodePostResponse429",
    "RequestCodeApiAuthCodePostResponse500",
    "RequestUploadApiMeetupsIdMediaPostResponse401",
    "RequestUploadApiMeetupsIdMediaPostResponse429",
    "RequestUploadApiMeetupsIdMediaPostResponse500",
    "ResendVerificationApiAuthVerifyResendPostResponse401",
    "ResendVerificationApiAuthVerifyResendPostResponse429",
    "ResendVerificationApiAuthVerifyResendPostResponse500",
    "ResetIn",
    "ResetPasswordApiAuthPasswordResetPostResponse429",
    "ResetPasswordApiAuthPasswordResetPostResponse500",
    "ResponseValidationError",
    "RevenueOfDayOut",
    "RsvpIn",
    "RsvpInResponse",
    "RsvpInScope",
    "RsvpInvitationOut",
    "RsvpInvitationOutResponse",
    "RsvpOut",
    "SearchMeetupsApiMeetupsGetCategory",
    "SearchMeetupsApiMeetupsGetResponse429",
    "SearchMeetupsApiMeetupsGetResponse500",
    "SearchMeetupsApiMeetupsGetSort",
    "SeriesOut",
    "SeriesRefOut",
    "SessionOut",
    "ShareImageMIdSharePngGetResponse429",
    "ShareImageMIdSharePngGetResponse500",
    "SignInWithCodeApiAuthCodeVerifyPostResponse429",
    "SignInWithCodeApiAuthCodeVerifyPostResponse500",
    "SignUpApiAuthSignupPostResponse429",
    "SignUpApiAuthSignupPostResponse500",
    "SignupIn",
    "StartAsGuestApiAuthGuestPostResponse429",
    "StartAsGuestApiAuthGuestPostResponse500",
    "StartCheckoutApiRsvpTokenCheckoutPostResponse429",
    "StartCheckoutApiRsvpTokenCheckoutPostResponse500",
    "StartSocialApiAuthOidcProviderStartGetResponse429",
    "StartSocialApiAuthOidcProviderStartGetResponse500",
    "StatementOut",
    "StreamApiMediaMeetupIdMediaIdGrantFolderNameGetResponse429",
    "StreamApiMediaMeetupIdMediaIdGrantFolderNameGetResponse500",
    "SwaggerUiGetResponse429",
    "SwaggerUiGetResponse500",
    "TicketOut",
    "TicketOutStatus",
    "UnsubscribeApiUnsubscribeTokenPostResponse429",
    "UnsubscribeApiUnsubscribeTokenPostResponse500",
    "UnsubscribedOut",
    "UnsubscribePageApiUnsubscribeTokenGetResponse429",
    "UnsubscribePageApiUnsubscribeTokenGetResponse500",
    "UpdateMeetupApiMeetupsIdPatchApplyTo",
    "UpdateMeetupApiMeetupsIdPatchResponse401",
    "UpdateMeetupApiMeetupsIdPatchResponse429",
    "UpdateMeetupApiMeetupsIdPatchResponse500",
    "UploadOut",
    "UploadOutFields",
    "UserOut",
    "ValidationError",
    "VerifyEmailApiAuthVerifyPostResponse429",
    "VerifyEmailApiAuthVerifyPostResponse500",
    "VerifyIn",
    "ViewInvitationApiRsvpTokenGetResponse429",
    "ViewInvitationApiRsvpTokenGetResponse500",
    "WaitingOut",
    "WebhookOut",
)
