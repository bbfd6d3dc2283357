import { graphql } from "../gql";

export const UserErrorFields = graphql(`
  fragment UserErrorFields on UserError {
    field
    message
    code
  }
`);

export const SessionFields = graphql(`
  fragment SessionFields on SessionPayload {
    session {
      accessToken
      user {
        id
        email
        name
        isGuest
      }
    }
    userErrors {
      ...UserErrorFields
    }
  }
`);

export const SignUpMutation = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      ...SessionFields
    }
  }
`);

export const LogInMutation = graphql(`
  mutation LogIn($input: LogInInput!) {
    logIn(input: $input) {
      ...SessionFields
    }
  }
`);

export const GuestMutation = graphql(`
  mutation ContinueAsGuest {
    continueAsGuest {
      ...SessionFields
    }
  }
`);

export const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      id
      email
      name
      isGuest
      emailVerified
    }
  }
`);

export const VerifyEmailMutation = graphql(`
  mutation VerifyEmail($token: String!) {
    verifyEmail(token: $token) {
      user {
        id
        emailVerified
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const ResendVerificationMutation = graphql(`
  mutation ResendVerification {
    resendVerification {
      accepted
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const ForgotPasswordMutation = graphql(`
  mutation ForgotPassword($email: String!) {
    forgotPassword(email: $email) {
      accepted
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const ResetPasswordMutation = graphql(`
  mutation ResetPassword($token: String!, $password: String!) {
    resetPassword(token: $token, password: $password) {
      ...SessionFields
    }
  }
`);

export const RequestSignInCodeMutation = graphql(`
  mutation RequestSignInCode($email: String!) {
    requestSignInCode(email: $email) {
      accepted
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const SignInWithCodeMutation = graphql(`
  mutation SignInWithCode($email: String!, $code: String!) {
    signInWithCode(email: $email, code: $code) {
      ...SessionFields
    }
  }
`);

export const MediaFields = graphql(`
  fragment MediaFields on Media {
    id
    mediaId
    kind
    status
    reason
    contentType
    renditions {
      name
      contentType
      width
      height
      url
    }
    streamUrl
    posterUrl
  }
`);

export const MyMeetupsQuery = graphql(`
  query MyMeetups($after: String) {
    myMeetups(first: 50, after: $after) {
      nodes {
        id
        meetupId
        title
        startsAt
        timezone
        status
        phase
        counts {
          invited
          attending
        }
        coverImage {
          ...MediaFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const MyInvitationsQuery = graphql(`
  query MyInvitations($after: String) {
    myInvitations(first: 20, after: $after) {
      nodes {
        meetup {
          id
          meetupId
          title
          startsAt
          phase
          organizer {
            name
          }
          coverImage {
            ...MediaFields
          }
        }
        invitation {
          response
          joined
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const OpenMyAnswerPageMutation = graphql(`
  mutation OpenMyAnswerPage($id: ID!) {
    openMyAnswerPage(id: $id) {
      token
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const MeetupQuery = graphql(`
  query Meetup($id: ID!) {
    viewer {
      id
      isGuest
    }
    meetup(id: $id) {
      id
      meetupId
      title
      description
      category
      startsAt
      endsAt
      timezone
      durationMinutes
      visibility
      status
      phase
      version
      seriesId
      capacity
      price {
        amountMinor
        currency
        display
      }
      joinUrl
      organizer {
        id
        name
      }
      counts {
        invited
        attending
        declined
      }
      coverImage {
        ...MediaFields
      }
      media {
        ...MediaFields
      }
    }
  }
`);

export const InvitationsQuery = graphql(`
  query Invitations($id: ID!) {
    meetup(id: $id) {
      id
      meetupId
      title
      status
      phase
      counts {
        invited
        attending
        declined
      }
      invitations(first: 100) {
        nodes {
          id
          email
          name
          sent
          response
          respondedAt
        }
      }
    }
  }
`);

export const AttendeesQuery = graphql(`
  query Attendees($id: ID!) {
    meetup(id: $id) {
      id
      meetupId
      title
      capacity
      counts {
        invited
        attending
        declined
        waitlisted
      }
      attendees {
        id
        email
        name
        respondedAt
      }
      waitlist {
        id
        email
        name
        respondedAt
      }
    }
  }
`);

export const CreateMeetupMutation = graphql(`
  mutation CreateMeetup($input: CreateMeetupInput!) {
    createMeetup(input: $input) {
      meetup {
        id
        meetupId
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const UpdateMeetupMutation = graphql(`
  mutation UpdateMeetup($input: UpdateMeetupInput!) {
    updateMeetup(input: $input) {
      meetup {
        id
        meetupId
        version
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const PublishMutation = graphql(`
  mutation PublishMeetup($id: ID!) {
    publishMeetup(id: $id) {
      meetup {
        id
        status
        phase
        version
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const CancelMutation = graphql(`
  mutation CancelMeetup($id: ID!) {
    cancelMeetup(id: $id) {
      meetup {
        id
        status
        phase
        version
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const InviteMutation = graphql(`
  mutation InviteGuests($input: InviteGuestsInput!) {
    inviteGuests(input: $input) {
      invitations {
        id
        email
        name
        sent
        response
        respondedAt
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const RequestUploadMutation = graphql(`
  mutation RequestUpload($input: RequestUploadInput!) {
    requestUpload(input: $input) {
      media {
        ...MediaFields
      }
      upload {
        url
        fields {
          name
          value
        }
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const RemoveMediaMutation = graphql(`
  mutation RemoveMedia($meetupId: ID!, $mediaId: String!) {
    removeMedia(meetupId: $meetupId, mediaId: $mediaId) {
      deletedId
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const AnswerPageQuery = graphql(`
  query AnswerPage($token: String!) {
    invitation(token: $token) {
      meetup {
        id
        meetupId
        title
        description
        startsAt
        endsAt
        timezone
        durationMinutes
        status
        phase
        seriesId
        joinUrl
        price {
          amountMinor
          currency
          display
        }
        organizer {
          id
          name
        }
        coverImage {
          ...MediaFields
        }
        media {
          ...MediaFields
        }
      }
      invitation {
        id
        email
        name
        response
        respondedAt
        joined
      }
    }
  }
`);

export const RespondMutation = graphql(`
  mutation RespondToInvitation($token: String!, $response: AnswerChoice!) {
    respondToInvitation(token: $token, response: $response) {
      meetup {
        id
        joinUrl
      }
      invitation {
        id
        response
        respondedAt
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const PublicMeetupsQuery = graphql(`
  query PublicMeetups($q: String, $category: Category, $sort: SearchOrder, $after: String) {
    publicMeetups(q: $q, category: $category, sort: $sort, first: 20, after: $after) {
      nodes {
        id
        meetupId
        title
        category
        startsAt
        timezone
        phase
        price {
          display
        }
        organizer {
          id
          name
        }
        counts {
          attending
        }
        coverImage {
          ...MediaFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const JoinMeetupMutation = graphql(`
  mutation JoinMeetup($id: ID!) {
    joinMeetup(id: $id) {
      token
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const MeetupInsightsQuery = graphql(`
  query MeetupInsights($id: ID!) {
    meetup(id: $id) {
      id
      meetupId
      title
      price {
        amountMinor
        currency
      }
      insights {
        funnel {
          invited
          emailed
          opened
          answered
          attending
          declined
          waiting
          joined
        }
        answersByHour {
          hour
          attending
          declined
          waiting
        }
        reminders {
          leadHours
          sentAt
          sent
          answeredAfter
          joinedAfter
        }
        revenueByDay {
          day
          tickets
          amountMinor
          currency
        }
      }
    }
  }
`);
