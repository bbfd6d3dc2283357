/**
 * Calling the REST API where GraphQL does not reach (payments, series, social sign-in): one
 * way to turn no answer, or a problem document (RFC 9457), into an ``ApiProblem``.
 */

/** A refusal of the API (an RFC 9457 problem document), or no answer at all (status 0). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiProblem";
  }
}

const UNREACHABLE = "Cannot reach the server. Check your connection and try again.";
const FALLBACK = "Something went wrong. Please try again.";

/** The answer of ``request``, or an ``ApiProblem`` (status 0) when there is none. */
export async function reach(request: () => Promise<Response>): Promise<Response> {
  try {
    return await request();
  } catch {
    throw new ApiProblem(0, "unreachable", UNREACHABLE);
  }
}

/** The problem a refusal's parsed body states; ``detail`` replaces the body's own text. */
export function problemFrom(
  status: number,
  body: { code?: unknown; detail?: unknown } | null,
  detail?: string,
): ApiProblem {
  const code = typeof body?.code === "string" ? body.code : `http_${status}`;
  const text = detail ?? (typeof body?.detail === "string" ? body.detail : FALLBACK);
  return new ApiProblem(status, code, text);
}

/** The problem of a refusal, read from its body. */
export async function problemOf(response: Response): Promise<ApiProblem> {
  const body = (await response.json().catch(() => null)) as { code?: unknown; detail?: unknown } | null;
  return problemFrom(response.status, body);
}
