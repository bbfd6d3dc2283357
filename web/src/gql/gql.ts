/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment UserErrorFields on UserError {\n    field\n    message\n    code\n  }\n": typeof types.UserErrorFieldsFragmentDoc,
    "\n  fragment SessionFields on SessionPayload {\n    session {\n      accessToken\n      user {\n        id\n        email\n        name\n        isGuest\n      }\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n": typeof types.SessionFieldsFragmentDoc,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      ...SessionFields\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  mutation LogIn($input: LogInInput!) {\n    logIn(input: $input) {\n      ...SessionFields\n    }\n  }\n": typeof types.LogInDocument,
    "\n  mutation ContinueAsGuest {\n    continueAsGuest {\n      ...SessionFields\n    }\n  }\n": typeof types.ContinueAsGuestDocument,
    "\n  query Viewer {\n    viewer {\n      id\n      email\n      name\n      isGuest\n      emailVerified\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      user {\n        id\n        emailVerified\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.VerifyEmailDocument,
    "\n  mutation ResendVerification {\n    resendVerification {\n      accepted\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.ResendVerificationDocument,
    "\n  mutation ForgotPassword($email: String!) {\n    forgotPassword(email: $email) {\n      accepted\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.ForgotPasswordDocument,
    "\n  mutation ResetPassword($token: String!, $password: String!) {\n    resetPassword(token: $token, password: $password) {\n      ...SessionFields\n    }\n  }\n": typeof types.ResetPasswordDocument,
    "\n  mutation RequestSignInCode($email: String!) {\n    requestSignInCode(email: $email) {\n      accepted\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.RequestSignInCodeDocument,
    "\n  mutation SignInWithCode($email: String!, $code: String!) {\n    signInWithCode(email: $email, code: $code) {\n      ...SessionFields\n    }\n  }\n": typeof types.SignInWithCodeDocument,
    "\n  fragment MediaFields on Media {\n    id\n    mediaId\n    kind\n    status\n    reason\n    contentType\n    renditions {\n      name\n      contentType\n      width\n      height\n      url\n    }\n    streamUrl\n    posterUrl\n  }\n": typeof types.MediaFieldsFragmentDoc,
    "\n  query MyMeetups($after: String) {\n    myMeetups(first: 50, after: $after) {\n      nodes {\n        id\n        meetupId\n        title\n        startsAt\n        timezone\n        status\n        phase\n        counts {\n          invited\n          attending\n        }\n        coverImage {\n          ...MediaFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.MyMeetupsDocument,
    "\n  query MyInvitations($after: String) {\n    myInvitations(first: 20, after: $after) {\n      nodes {\n        meetup {\n          id\n          meetupId\n          title\n          startsAt\n          phase\n          organizer {\n            name\n          }\n          coverImage {\n            ...MediaFields\n          }\n        }\n        invitation {\n          response\n          joined\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.MyInvitationsDocument,
    "\n  mutation OpenMyAnswerPage($id: ID!) {\n    openMyAnswerPage(id: $id) {\n      token\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.OpenMyAnswerPageDocument,
    "\n  query Meetup($id: ID!) {\n    viewer {\n      id\n      isGuest\n    }\n    meetup(id: $id) {\n      id\n      meetupId\n      title\n      description\n      category\n      startsAt\n      endsAt\n      timezone\n      durationMinutes\n      visibility\n      status\n      phase\n      version\n      seriesId\n      capacity\n      price {\n        amountMinor\n        currency\n        display\n      }\n      joinUrl\n      organizer {\n        id\n        name\n      }\n      counts {\n        invited\n        attending\n        declined\n      }\n      coverImage {\n        ...MediaFields\n      }\n      media {\n        ...MediaFields\n      }\n    }\n  }\n": typeof types.MeetupDocument,
    "\n  query Invitations($id: ID!) {\n    meetup(id: $id) {\n      id\n      meetupId\n      title\n      status\n      phase\n      counts {\n        invited\n        attending\n        declined\n      }\n      invitations(first: 100) {\n        nodes {\n          id\n          email\n          name\n          sent\n          response\n          respondedAt\n        }\n      }\n    }\n  }\n": typeof types.InvitationsDocument,
    "\n  query Attendees($id: ID!) {\n    meetup(id: $id) {\n      id\n      meetupId\n      title\n      capacity\n      counts {\n        invited\n        attending\n        declined\n        waitlisted\n      }\n      attendees {\n        id\n        email\n        name\n        respondedAt\n      }\n      waitlist {\n        id\n        email\n        name\n        respondedAt\n      }\n    }\n  }\n": typeof types.AttendeesDocument,
    "\n  mutation CreateMeetup($input: CreateMeetupInput!) {\n    createMeetup(input: $input) {\n      meetup {\n        id\n        meetupId\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.CreateMeetupDocument,
    "\n  mutation UpdateMeetup($input: UpdateMeetupInput!) {\n    updateMeetup(input: $input) {\n      meetup {\n        id\n        meetupId\n        version\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.UpdateMeetupDocument,
    "\n  mutation PublishMeetup($id: ID!) {\n    publishMeetup(id: $id) {\n      meetup {\n        id\n        status\n        phase\n        version\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.PublishMeetupDocument,
    "\n  mutation CancelMeetup($id: ID!) {\n    cancelMeetup(id: $id) {\n      meetup {\n        id\n        status\n        phase\n        version\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.CancelMeetupDocument,
    "\n  mutation InviteGuests($input: InviteGuestsInput!) {\n    inviteGuests(input: $input) {\n      invitations {\n        id\n        email\n        name\n        sent\n        response\n        respondedAt\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.InviteGuestsDocument,
    "\n  mutation RequestUpload($input: RequestUploadInput!) {\n    requestUpload(input: $input) {\n      media {\n        ...MediaFields\n      }\n      upload {\n        url\n        fields {\n          name\n          value\n        }\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.RequestUploadDocument,
    "\n  mutation RemoveMedia($meetupId: ID!, $mediaId: String!) {\n    removeMedia(meetupId: $meetupId, mediaId: $mediaId) {\n      deletedId\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.RemoveMediaDocument,
    "\n  query AnswerPage($token: String!) {\n    invitation(token: $token) {\n      meetup {\n        id\n        meetupId\n        title\n        description\n        startsAt\n        endsAt\n        timezone\n        durationMinutes\n        status\n        phase\n        seriesId\n        joinUrl\n        price {\n          amountMinor\n          currency\n          display\n        }\n        organizer {\n          id\n          name\n        }\n        coverImage {\n          ...MediaFields\n        }\n        media {\n          ...MediaFields\n        }\n      }\n      invitation {\n        id\n        email\n        name\n        response\n        respondedAt\n        joined\n      }\n    }\n  }\n": typeof types.AnswerPageDocument,
    "\n  mutation RespondToInvitation($token: String!, $response: AnswerChoice!) {\n    respondToInvitation(token: $token, response: $response) {\n      meetup {\n        id\n        joinUrl\n      }\n      invitation {\n        id\n        response\n        respondedAt\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.RespondToInvitationDocument,
    "\n  query PublicMeetups($q: String, $category: Category, $sort: SearchOrder, $after: String) {\n    publicMeetups(q: $q, category: $category, sort: $sort, first: 20, after: $after) {\n      nodes {\n        id\n        meetupId\n        title\n        category\n        startsAt\n        timezone\n        phase\n        price {\n          display\n        }\n        organizer {\n          id\n          name\n        }\n        counts {\n          attending\n        }\n        coverImage {\n          ...MediaFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.PublicMeetupsDocument,
    "\n  mutation JoinMeetup($id: ID!) {\n    joinMeetup(id: $id) {\n      token\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.JoinMeetupDocument,
    "\n  query MeetupInsights($id: ID!) {\n    meetup(id: $id) {\n      id\n      meetupId\n      title\n      price {\n        amountMinor\n        currency\n      }\n      insights {\n        funnel {\n          invited\n          emailed\n          opened\n          answered\n          attending\n          declined\n          waiting\n          joined\n        }\n        answersByHour {\n          hour\n          attending\n          declined\n          waiting\n        }\n        reminders {\n          leadHours\n          sentAt\n          sent\n          answeredAfter\n          joinedAfter\n        }\n        revenueByDay {\n          day\n          tickets\n          amountMinor\n          currency\n        }\n      }\n    }\n  }\n": typeof types.MeetupInsightsDocument,
};
const documents: Documents = {
    "\n  fragment UserErrorFields on UserError {\n    field\n    message\n    code\n  }\n": types.UserErrorFieldsFragmentDoc,
    "\n  fragment SessionFields on SessionPayload {\n    session {\n      accessToken\n      user {\n        id\n        email\n        name\n        isGuest\n      }\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n": types.SessionFieldsFragmentDoc,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      ...SessionFields\n    }\n  }\n": types.SignUpDocument,
    "\n  mutation LogIn($input: LogInInput!) {\n    logIn(input: $input) {\n      ...SessionFields\n    }\n  }\n": types.LogInDocument,
    "\n  mutation ContinueAsGuest {\n    continueAsGuest {\n      ...SessionFields\n    }\n  }\n": types.ContinueAsGuestDocument,
    "\n  query Viewer {\n    viewer {\n      id\n      email\n      name\n      isGuest\n      emailVerified\n    }\n  }\n": types.ViewerDocument,
    "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      user {\n        id\n        emailVerified\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.VerifyEmailDocument,
    "\n  mutation ResendVerification {\n    resendVerification {\n      accepted\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.ResendVerificationDocument,
    "\n  mutation ForgotPassword($email: String!) {\n    forgotPassword(email: $email) {\n      accepted\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.ForgotPasswordDocument,
    "\n  mutation ResetPassword($token: String!, $password: String!) {\n    resetPassword(token: $token, password: $password) {\n      ...SessionFields\n    }\n  }\n": types.ResetPasswordDocument,
    "\n  mutation RequestSignInCode($email: String!) {\n    requestSignInCode(email: $email) {\n      accepted\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.RequestSignInCodeDocument,
    "\n  mutation SignInWithCode($email: String!, $code: String!) {\n    signInWithCode(email: $email, code: $code) {\n      ...SessionFields\n    }\n  }\n": types.SignInWithCodeDocument,
    "\n  fragment MediaFields on Media {\n    id\n    mediaId\n    kind\n    status\n    reason\n    contentType\n    renditions {\n      name\n      contentType\n      width\n      height\n      url\n    }\n    streamUrl\n    posterUrl\n  }\n": types.MediaFieldsFragmentDoc,
    "\n  query MyMeetups($after: String) {\n    myMeetups(first: 50, after: $after) {\n      nodes {\n        id\n        meetupId\n        title\n        startsAt\n        timezone\n        status\n        phase\n        counts {\n          invited\n          attending\n        }\n        coverImage {\n          ...MediaFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.MyMeetupsDocument,
    "\n  query MyInvitations($after: String) {\n    myInvitations(first: 20, after: $after) {\n      nodes {\n        meetup {\n          id\n          meetupId\n          title\n          startsAt\n          phase\n          organizer {\n            name\n          }\n          coverImage {\n            ...MediaFields\n          }\n        }\n        invitation {\n          response\n          joined\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.MyInvitationsDocument,
    "\n  mutation OpenMyAnswerPage($id: ID!) {\n    openMyAnswerPage(id: $id) {\n      token\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.OpenMyAnswerPageDocument,
    "\n  query Meetup($id: ID!) {\n    viewer {\n      id\n      isGuest\n    }\n    meetup(id: $id) {\n      id\n      meetupId\n      title\n      description\n      category\n      startsAt\n      endsAt\n      timezone\n      durationMinutes\n      visibility\n      status\n      phase\n      version\n      seriesId\n      capacity\n      price {\n        amountMinor\n        currency\n        display\n      }\n      joinUrl\n      organizer {\n        id\n        name\n      }\n      counts {\n        invited\n        attending\n        declined\n      }\n      coverImage {\n        ...MediaFields\n      }\n      media {\n        ...MediaFields\n      }\n    }\n  }\n": types.MeetupDocument,
    "\n  query Invitations($id: ID!) {\n    meetup(id: $id) {\n      id\n      meetupId\n      title\n      status\n      phase\n      counts {\n        invited\n        attending\n        declined\n      }\n      invitations(first: 100) {\n        nodes {\n          id\n          email\n          name\n          sent\n          response\n          respondedAt\n        }\n      }\n    }\n  }\n": types.InvitationsDocument,
    "\n  query Attendees($id: ID!) {\n    meetup(id: $id) {\n      id\n      meetupId\n      title\n      capacity\n      counts {\n        invited\n        attending\n        declined\n        waitlisted\n      }\n      attendees {\n        id\n        email\n        name\n        respondedAt\n      }\n      waitlist {\n        id\n        email\n        name\n        respondedAt\n      }\n    }\n  }\n": types.AttendeesDocument,
    "\n  mutation CreateMeetup($input: CreateMeetupInput!) {\n    createMeetup(input: $input) {\n      meetup {\n        id\n        meetupId\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.CreateMeetupDocument,
    "\n  mutation UpdateMeetup($input: UpdateMeetupInput!) {\n    updateMeetup(input: $input) {\n      meetup {\n        id\n        meetupId\n        version\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.UpdateMeetupDocument,
    "\n  mutation PublishMeetup($id: ID!) {\n    publishMeetup(id: $id) {\n      meetup {\n        id\n        status\n        phase\n        version\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.PublishMeetupDocument,
    "\n  mutation CancelMeetup($id: ID!) {\n    cancelMeetup(id: $id) {\n      meetup {\n        id\n        status\n        phase\n        version\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.CancelMeetupDocument,
    "\n  mutation InviteGuests($input: InviteGuestsInput!) {\n    inviteGuests(input: $input) {\n      invitations {\n        id\n        email\n        name\n        sent\n        response\n        respondedAt\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.InviteGuestsDocument,
    "\n  mutation RequestUpload($input: RequestUploadInput!) {\n    requestUpload(input: $input) {\n      media {\n        ...MediaFields\n      }\n      upload {\n        url\n        fields {\n          name\n          value\n        }\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.RequestUploadDocument,
    "\n  mutation RemoveMedia($meetupId: ID!, $mediaId: String!) {\n    removeMedia(meetupId: $meetupId, mediaId: $mediaId) {\n      deletedId\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.RemoveMediaDocument,
    "\n  query AnswerPage($token: String!) {\n    invitation(token: $token) {\n      meetup {\n        id\n        meetupId\n        title\n        description\n        startsAt\n        endsAt\n        timezone\n        durationMinutes\n        status\n        phase\n        seriesId\n        joinUrl\n        price {\n          amountMinor\n          currency\n          display\n        }\n        organizer {\n          id\n          name\n        }\n        coverImage {\n          ...MediaFields\n        }\n        media {\n          ...MediaFields\n        }\n      }\n      invitation {\n        id\n        email\n        name\n        response\n        respondedAt\n        joined\n      }\n    }\n  }\n": types.AnswerPageDocument,
    "\n  mutation RespondToInvitation($token: String!, $response: AnswerChoice!) {\n    respondToInvitation(token: $token, response: $response) {\n      meetup {\n        id\n        joinUrl\n      }\n      invitation {\n        id\n        response\n        respondedAt\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.RespondToInvitationDocument,
    "\n  query PublicMeetups($q: String, $category: Category, $sort: SearchOrder, $after: String) {\n    publicMeetups(q: $q, category: $category, sort: $sort, first: 20, after: $after) {\n      nodes {\n        id\n        meetupId\n        title\n        category\n        startsAt\n        timezone\n        phase\n        price {\n          display\n        }\n        organizer {\n          id\n          name\n        }\n        counts {\n          attending\n        }\n        coverImage {\n          ...MediaFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.PublicMeetupsDocument,
    "\n  mutation JoinMeetup($id: ID!) {\n    joinMeetup(id: $id) {\n      token\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.JoinMeetupDocument,
    "\n  query MeetupInsights($id: ID!) {\n    meetup(id: $id) {\n      id\n      meetupId\n      title\n      price {\n        amountMinor\n        currency\n      }\n      insights {\n        funnel {\n          invited\n          emailed\n          opened\n          answered\n          attending\n          declined\n          waiting\n          joined\n        }\n        answersByHour {\n          hour\n          attending\n          declined\n          waiting\n        }\n        reminders {\n          leadHours\n          sentAt\n          sent\n          answeredAfter\n          joinedAfter\n        }\n        revenueByDay {\n          day\n          tickets\n          amountMinor\n          currency\n        }\n      }\n    }\n  }\n": types.MeetupInsightsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserErrorFields on UserError {\n    field\n    message\n    code\n  }\n"): (typeof documents)["\n  fragment UserErrorFields on UserError {\n    field\n    message\n    code\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionFields on SessionPayload {\n    session {\n      accessToken\n      user {\n        id\n        email\n        name\n        isGuest\n      }\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n"): (typeof documents)["\n  fragment SessionFields on SessionPayload {\n    session {\n      accessToken\n      user {\n        id\n        email\n        name\n        isGuest\n      }\n    }\n    userErrors {\n      ...UserErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      ...SessionFields\n    }\n  }\n"): (typeof documents)["\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      ...SessionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogIn($input: LogInInput!) {\n    logIn(input: $input) {\n      ...SessionFields\n    }\n  }\n"): (typeof documents)["\n  mutation LogIn($input: LogInInput!) {\n    logIn(input: $input) {\n      ...SessionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ContinueAsGuest {\n    continueAsGuest {\n      ...SessionFields\n    }\n  }\n"): (typeof documents)["\n  mutation ContinueAsGuest {\n    continueAsGuest {\n      ...SessionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      id\n      email\n      name\n      isGuest\n      emailVerified\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    viewer {\n      id\n      email\n      name\n      isGuest\n      emailVerified\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      user {\n        id\n        emailVerified\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      user {\n        id\n        emailVerified\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResendVerification {\n    resendVerification {\n      accepted\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ResendVerification {\n    resendVerification {\n      accepted\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ForgotPassword($email: String!) {\n    forgotPassword(email: $email) {\n      accepted\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ForgotPassword($email: String!) {\n    forgotPassword(email: $email) {\n      accepted\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($token: String!, $password: String!) {\n    resetPassword(token: $token, password: $password) {\n      ...SessionFields\n    }\n  }\n"): (typeof documents)["\n  mutation ResetPassword($token: String!, $password: String!) {\n    resetPassword(token: $token, password: $password) {\n      ...SessionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestSignInCode($email: String!) {\n    requestSignInCode(email: $email) {\n      accepted\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RequestSignInCode($email: String!) {\n    requestSignInCode(email: $email) {\n      accepted\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignInWithCode($email: String!, $code: String!) {\n    signInWithCode(email: $email, code: $code) {\n      ...SessionFields\n    }\n  }\n"): (typeof documents)["\n  mutation SignInWithCode($email: String!, $code: String!) {\n    signInWithCode(email: $email, code: $code) {\n      ...SessionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MediaFields on Media {\n    id\n    mediaId\n    kind\n    status\n    reason\n    contentType\n    renditions {\n      name\n      contentType\n      width\n      height\n      url\n    }\n    streamUrl\n    posterUrl\n  }\n"): (typeof documents)["\n  fragment MediaFields on Media {\n    id\n    mediaId\n    kind\n    status\n    reason\n    contentType\n    renditions {\n      name\n      contentType\n      width\n      height\n      url\n    }\n    streamUrl\n    posterUrl\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyMeetups($after: String) {\n    myMeetups(first: 50, after: $after) {\n      nodes {\n        id\n        meetupId\n        title\n        startsAt\n        timezone\n        status\n        phase\n        counts {\n          invited\n          attending\n        }\n        coverImage {\n          ...MediaFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyMeetups($after: String) {\n    myMeetups(first: 50, after: $after) {\n      nodes {\n        id\n        meetupId\n        title\n        startsAt\n        timezone\n        status\n        phase\n        counts {\n          invited\n          attending\n        }\n        coverImage {\n          ...MediaFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyInvitations($after: String) {\n    myInvitations(first: 20, after: $after) {\n      nodes {\n        meetup {\n          id\n          meetupId\n          title\n          startsAt\n          phase\n          organizer {\n            name\n          }\n          coverImage {\n            ...MediaFields\n          }\n        }\n        invitation {\n          response\n          joined\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyInvitations($after: String) {\n    myInvitations(first: 20, after: $after) {\n      nodes {\n        meetup {\n          id\n          meetupId\n          title\n          startsAt\n          phase\n          organizer {\n            name\n          }\n          coverImage {\n            ...MediaFields\n          }\n        }\n        invitation {\n          response\n          joined\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OpenMyAnswerPage($id: ID!) {\n    openMyAnswerPage(id: $id) {\n      token\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation OpenMyAnswerPage($id: ID!) {\n    openMyAnswerPage(id: $id) {\n      token\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Meetup($id: ID!) {\n    viewer {\n      id\n      isGuest\n    }\n    meetup(id: $id) {\n      id\n      meetupId\n      title\n      description\n      category\n      startsAt\n      endsAt\n      timezone\n      durationMinutes\n      visibility\n      status\n      phase\n      version\n      seriesId\n      capacity\n      price {\n        amountMinor\n        currency\n        display\n      }\n      joinUrl\n      organizer {\n        id\n        name\n      }\n      counts {\n        invited\n        attending\n        declined\n      }\n      coverImage {\n        ...MediaFields\n      }\n      media {\n        ...MediaFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query Meetup($id: ID!) {\n    viewer {\n      id\n      isGuest\n    }\n    meetup(id: $id) {\n      id\n      meetupId\n      title\n      description\n      category\n      startsAt\n      endsAt\n      timezone\n      durationMinutes\n      visibility\n      status\n      phase\n      version\n      seriesId\n      capacity\n      price {\n        amountMinor\n        currency\n        display\n      }\n      joinUrl\n      organizer {\n        id\n        name\n      }\n      counts {\n        invited\n        attending\n        declined\n      }\n      coverImage {\n        ...MediaFields\n      }\n      media {\n        ...MediaFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Invitations($id: ID!) {\n    meetup(id: $id) {\n      id\n      meetupId\n      title\n      status\n      phase\n      counts {\n        invited\n        attending\n        declined\n      }\n      invitations(first: 100) {\n        nodes {\n          id\n          email\n          name\n          sent\n          response\n          respondedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Invitations($id: ID!) {\n    meetup(id: $id) {\n      id\n      meetupId\n      title\n      status\n      phase\n      counts {\n        invited\n        attending\n        declined\n      }\n      invitations(first: 100) {\n        nodes {\n          id\n          email\n          name\n          sent\n          response\n          respondedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Attendees($id: ID!) {\n    meetup(id: $id) {\n      id\n      meetupId\n      title\n      capacity\n      counts {\n        invited\n        attending\n        declined\n        waitlisted\n      }\n      attendees {\n        id\n        email\n        name\n        respondedAt\n      }\n      waitlist {\n        id\n        email\n        name\n        respondedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query Attendees($id: ID!) {\n    meetup(id: $id) {\n      id\n      meetupId\n      title\n      capacity\n      counts {\n        invited\n        attending\n        declined\n        waitlisted\n      }\n      attendees {\n        id\n        email\n        name\n        respondedAt\n      }\n      waitlist {\n        id\n        email\n        name\n        respondedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateMeetup($input: CreateMeetupInput!) {\n    createMeetup(input: $input) {\n      meetup {\n        id\n        meetupId\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateMeetup($input: CreateMeetupInput!) {\n    createMeetup(input: $input) {\n      meetup {\n        id\n        meetupId\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateMeetup($input: UpdateMeetupInput!) {\n    updateMeetup(input: $input) {\n      meetup {\n        id\n        meetupId\n        version\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateMeetup($input: UpdateMeetupInput!) {\n    updateMeetup(input: $input) {\n      meetup {\n        id\n        meetupId\n        version\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishMeetup($id: ID!) {\n    publishMeetup(id: $id) {\n      meetup {\n        id\n        status\n        phase\n        version\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PublishMeetup($id: ID!) {\n    publishMeetup(id: $id) {\n      meetup {\n        id\n        status\n        phase\n        version\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelMeetup($id: ID!) {\n    cancelMeetup(id: $id) {\n      meetup {\n        id\n        status\n        phase\n        version\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CancelMeetup($id: ID!) {\n    cancelMeetup(id: $id) {\n      meetup {\n        id\n        status\n        phase\n        version\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InviteGuests($input: InviteGuestsInput!) {\n    inviteGuests(input: $input) {\n      invitations {\n        id\n        email\n        name\n        sent\n        response\n        respondedAt\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation InviteGuests($input: InviteGuestsInput!) {\n    inviteGuests(input: $input) {\n      invitations {\n        id\n        email\n        name\n        sent\n        response\n        respondedAt\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestUpload($input: RequestUploadInput!) {\n    requestUpload(input: $input) {\n      media {\n        ...MediaFields\n      }\n      upload {\n        url\n        fields {\n          name\n          value\n        }\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RequestUpload($input: RequestUploadInput!) {\n    requestUpload(input: $input) {\n      media {\n        ...MediaFields\n      }\n      upload {\n        url\n        fields {\n          name\n          value\n        }\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveMedia($meetupId: ID!, $mediaId: String!) {\n    removeMedia(meetupId: $meetupId, mediaId: $mediaId) {\n      deletedId\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveMedia($meetupId: ID!, $mediaId: String!) {\n    removeMedia(meetupId: $meetupId, mediaId: $mediaId) {\n      deletedId\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AnswerPage($token: String!) {\n    invitation(token: $token) {\n      meetup {\n        id\n        meetupId\n        title\n        description\n        startsAt\n        endsAt\n        timezone\n        durationMinutes\n        status\n        phase\n        seriesId\n        joinUrl\n        price {\n          amountMinor\n          currency\n          display\n        }\n        organizer {\n          id\n          name\n        }\n        coverImage {\n          ...MediaFields\n        }\n        media {\n          ...MediaFields\n        }\n      }\n      invitation {\n        id\n        email\n        name\n        response\n        respondedAt\n        joined\n      }\n    }\n  }\n"): (typeof documents)["\n  query AnswerPage($token: String!) {\n    invitation(token: $token) {\n      meetup {\n        id\n        meetupId\n        title\n        description\n        startsAt\n        endsAt\n        timezone\n        durationMinutes\n        status\n        phase\n        seriesId\n        joinUrl\n        price {\n          amountMinor\n          currency\n          display\n        }\n        organizer {\n          id\n          name\n        }\n        coverImage {\n          ...MediaFields\n        }\n        media {\n          ...MediaFields\n        }\n      }\n      invitation {\n        id\n        email\n        name\n        response\n        respondedAt\n        joined\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RespondToInvitation($token: String!, $response: AnswerChoice!) {\n    respondToInvitation(token: $token, response: $response) {\n      meetup {\n        id\n        joinUrl\n      }\n      invitation {\n        id\n        response\n        respondedAt\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RespondToInvitation($token: String!, $response: AnswerChoice!) {\n    respondToInvitation(token: $token, response: $response) {\n      meetup {\n        id\n        joinUrl\n      }\n      invitation {\n        id\n        response\n        respondedAt\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PublicMeetups($q: String, $category: Category, $sort: SearchOrder, $after: String) {\n    publicMeetups(q: $q, category: $category, sort: $sort, first: 20, after: $after) {\n      nodes {\n        id\n        meetupId\n        title\n        category\n        startsAt\n        timezone\n        phase\n        price {\n          display\n        }\n        organizer {\n          id\n          name\n        }\n        counts {\n          attending\n        }\n        coverImage {\n          ...MediaFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query PublicMeetups($q: String, $category: Category, $sort: SearchOrder, $after: String) {\n    publicMeetups(q: $q, category: $category, sort: $sort, first: 20, after: $after) {\n      nodes {\n        id\n        meetupId\n        title\n        category\n        startsAt\n        timezone\n        phase\n        price {\n          display\n        }\n        organizer {\n          id\n          name\n        }\n        counts {\n          attending\n        }\n        coverImage {\n          ...MediaFields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation JoinMeetup($id: ID!) {\n    joinMeetup(id: $id) {\n      token\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation JoinMeetup($id: ID!) {\n    joinMeetup(id: $id) {\n      token\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MeetupInsights($id: ID!) {\n    meetup(id: $id) {\n      id\n      meetupId\n      title\n      price {\n        amountMinor\n        currency\n      }\n      insights {\n        funnel {\n          invited\n          emailed\n          opened\n          answered\n          attending\n          declined\n          waiting\n          joined\n        }\n        answersByHour {\n          hour\n          attending\n          declined\n          waiting\n        }\n        reminders {\n          leadHours\n          sentAt\n          sent\n          answeredAfter\n          joinedAfter\n        }\n        revenueByDay {\n          day\n          tickets\n          amountMinor\n          currency\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MeetupInsights($id: ID!) {\n    meetup(id: $id) {\n      id\n      meetupId\n      title\n      price {\n        amountMinor\n        currency\n      }\n      insights {\n        funnel {\n          invited\n          emailed\n          opened\n          answered\n          attending\n          declined\n          waiting\n          joined\n        }\n        answersByHour {\n          hour\n          attending\n          declined\n          waiting\n        }\n        reminders {\n          leadHours\n          sentAt\n          sent\n          answeredAfter\n          joinedAfter\n        }\n        revenueByDay {\n          day\n          tickets\n          amountMinor\n          currency\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;