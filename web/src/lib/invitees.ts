/** A pasted list of addresses: one per line or separated by commas, "Name <email>" allowed. */

export interface ParsedInvitee {
  email: string;
  name: string | null;
  line: string;
}

export interface ParsedList {
  invitees: ParsedInvitee[];
  invalid: string[];
}

const EMAIL = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;

export function parseInvitees(text: string): ParsedList {
  const invitees: ParsedInvitee[] = [];
  const invalid: string[] = [];
  const seen = new Set<string>();
  for (const raw of text.split(/[\n,;]+/)) {
    const line = raw.trim();
    if (!line) continue;
    const named = /^(.*?)\s*<([^>]+)>$/.exec(line);
    const email = (named ? named[2] ?? "" : line).trim();
    const name = named ? (named[1] ?? "").trim().replace(/^"(.*)"$/, "$1").trim() || null : null;
    if (!EMAIL.test(email)) {
      invalid.push(line);
      continue;
    }
    const key = email.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    invitees.push({ email, name, line });
  }
  return { invitees, invalid };
}
