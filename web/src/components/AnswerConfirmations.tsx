/** What the answer page says back once an invitee answered (free and paid meetups alike). */
import type { ReactNode } from "react";
import { AddToCalendar } from "./AddToCalendar";
import { meetupEvent, type CalendarEvent } from "../lib/calendar";

type CalendarMeetup = Parameters<typeof meetupEvent>[0];

/** The join link and the calendar, for someone who attends. */
export function JoinDetails({ meetup }: { meetup: CalendarMeetup }) {
  const event: CalendarEvent = meetupEvent(meetup);
  return (
    <>
      {meetup.joinUrl ? (
        <p>
          Join link:{" "}
          <a className="break" href={meetup.joinUrl} target="_blank" rel="noopener noreferrer">
            {meetup.joinUrl}
          </a>
        </p>
      ) : null}
      <AddToCalendar event={event} />
    </>
  );
}

export function AttendingConfirmation({
  meetup,
  organizer,
  who,
  justAnswered,
}: {
  meetup: CalendarMeetup;
  organizer: string;
  who: string;
  justAnswered: boolean;
}) {
  return (
    <div className="confirmation confirmation-yes" role="status" aria-live="polite">
      <h2>{justAnswered ? "You're in!" : "You're attending"}</h2>
      <p>
        Thanks, {who}. {organizer} knows you are coming.
      </p>
      <JoinDetails meetup={meetup} />
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
