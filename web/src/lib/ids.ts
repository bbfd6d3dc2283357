/** The GraphQL global id of a meetup from its own id (Relay: base64 of "Meetup:<id>"). */
export function meetupGlobalId(meetupId: string): string {
  return btoa(`Meetup:${meetupId}`);
}

/** The GraphQL global id of a user from the id REST answers with (base64 of "User:<id>"). */
export function userGlobalId(userId: string): string {
  return btoa(`User:${userId}`);
}
