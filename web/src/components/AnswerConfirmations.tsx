/** What the answer page says back once an invitee answered (free and paid meetups alike). */
import type { ReactNode } from "react";
import { AddToCalendar } from "./AddToCalendar";
import { meetupEvent, type CalendarFile } from "../lib/calendar";
import { browserTimeZone, formatWhen, zoneAbbreviation } from "../lib/time";

type CalendarMeetup = Parameters<typeof meetupEvent>[0];

/** The API's redirect to the join link of an answer link's meetup: it notes that the
 * attendee joined (the organizer's insights), then sends them on. */
export function joinThrough(token: string): string {
  return `/api/rsvp/${encodeURIComponent(token)}/join`;
}

/** The join link (shown as itself, followed through the API) and the calendar, for someone
 * who attends. */
export function JoinDetails({
  meetup,
  calendar,
  token,
}: {
  meetup: CalendarMeetup;
  calendar: CalendarFile;
  token: string;
}) {
  return (
    <>
      {meetup.joinUrl ? (
        <p>
          Join link:{" "}
          <a className="break" href={joinThrough(token)} target="_blank" rel="noopener noreferrer">
            {meetup.joinUrl}
          </a>
        </p>
      ) : null}
      <AddToCalendar event={meetupEvent(meetup)} file={calendar} />
    </>
  );
}

export function AttendingConfirmation({
  meetup,
  organizer,
  who,
  justAnswered,
  calendar,
  token,
}: {
  meetup: CalendarMeetup;
  organizer: string;
  who: string;
  justAnswered: boolean;
  calendar: CalendarFile;
  token: string;
}) {
  return (
    <div className="confirmation confirmation-yes" role="status" aria-live="polite">
      <h2>{justAnswered ? "You're in!" : "You're attending"}</h2>
      <p>
        Thanks, {who}. {organizer} knows you are coming.
      </p>
      <JoinDetails meetup={meetup} calendar={calendar} token={token} />
    </div>
  );
}

export function WaitlistedConfirmation({ title, who, paid = false }: { title: string; who: string; paid?: boolean }) {
  return (
    <div className="confirmation" role="status" aria-live="polite">
      <h2>You're on the waiting list</h2>
      {paid ? (
        // A paid meetup's freed seat is offered to the first in line, to pay for in a day.
        <p>
          {title} is full for now, {who}. When a seat frees up, it is kept for the first in line
          for 24 hours, and we email them a link to pay for it.
        </p>
      ) : (
        <p>
          {title} is full for now, {who}. If a seat frees up, the first in line gets it, and we
          email you at once.
        </p>
      )}
    </div>
  );
}

/** Someone from the waiting list has a seat kept for them, theirs once they pay, until ``until``. */
export function SeatOfferedConfirmation({ title, who, until }: { title: string; who: string; until: string }) {
  const zone = browserTimeZone();
  return (
    <div className="confirmation confirmation-yes" role="status" aria-live="polite">
      <h2>A seat is kept for you</h2>
      <p>
        A seat at {title} is free, {who}, and it is yours if you pay for it by{" "}
        <time dateTime={until}>
          {formatWhen(until, zone)} {zoneAbbreviation(until, zone)}
        </time>
        . After that it goes to the next in line.
      </p>
    </div>
  );
}

export function DeclinedConfirmation({
  organizer,
  who,
  children,
}: {
  organizer: string;
  who: string;
  children?: ReactNode;
}) {
  return (
    <div className="confirmation confirmation-no" role="status" aria-live="polite">
      <h2>You've declined</h2>
      <p>
        Thanks for letting {organizer} know, {who}.
      </p>
      {children}
    </div>
  );
}
