/** Finding public meetups: the search as the page's address keeps it, and as the API takes it. */
import type { Category, SearchOrder } from "../gql/graphql";

/** The orders the selector offers, in its order. */
export const SORTS = ["relevance", "soonest", "newest", "closing", "popular"] as const;

export type Sort = (typeof SORTS)[number];

/** Each order in words, as the sort selector shows it. */
export const SORT_LABELS: Record<Sort, string> = {
  relevance: "Best match",
  soonest: "Soonest",
  newest: "Newly added",
  closing: "Answers closing soon",
  popular: "Popular",
};

/** The server's longest search text: longer input is cut in the box rather than refused. */
export const QUERY_MAX = 200;

/** A search as the address keeps it (?q=&category=&sort=): what anyone can share or go back to. */
export interface DiscoverySearch {
  q: string;
  category: string | null;
  sort: Sort | null; // null: the server's default (best match with words, else soonest)
}

function isSort(value: string | null): value is Sort {
  return (SORTS as readonly (string | null)[]).includes(value);
}

export function readSearch(params: URLSearchParams): DiscoverySearch {
  const sort = params.get("sort");
  return {
    q: (params.get("q") ?? "").trim(),
    // An unknown category is kept, so the server says what is wrong with the link.
    category: params.get("category") || null,
    // An unknown order is dropped: the API's enum would refuse the whole request.
    sort: isSort(sort) ? sort : null,
  };
}

/** The address's search params for a search, without the defaults. */
export function searchParams(search: DiscoverySearch): URLSearchParams {
  const params = new URLSearchParams();
  if (search.q) params.set("q", search.q);
  if (search.category) params.set("category", search.category);
  if (search.sort) params.set("sort", search.sort);
  return params;
}

/** The order the results come in: the chosen one, or the server's default. */
export function shownSort(search: DiscoverySearch): Sort {
  if (search.sort && (search.sort !== "relevance" || search.q)) return search.sort;
  return search.q ? "relevance" : "soonest";
}

/** The variables of the PublicMeetups query for one page of a search. */
export function searchVariables(search: DiscoverySearch, after: string | null) {
  return {
    q: search.q || null,
    // An unknown category is sent as it is: the API's enum refuses it, and the page says why.
    category: search.category as Category | null,
    sort: search.sort ? (search.sort.toUpperCase() as SearchOrder) : null,
    after,
  };
}

export function categoryLabel(category: string): string {
  return category.charAt(0).toUpperCase() + category.slice(1);
}
