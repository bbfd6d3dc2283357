/** The GraphQL global id of a meetup from its own id (Relay: base64 of "Meetup:<id>"). */
export function meetupGlobalId(meetupId: string): string {
  return btoa(`Meetup:${meetupId}`);
}
