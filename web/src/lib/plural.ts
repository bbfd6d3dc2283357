/** Counts in words by the plural rules of the app's language: "1 place", "2 places", "0 places". */

// The app's words are English: its plural rules decide the form, whatever the browser's language.
const RULES = new Intl.PluralRules("en");
const NUMBER = new Intl.NumberFormat("en");

/** ``count`` and the noun in the form the count takes ("1 seat", "1,200 seats"). */
export function counted(count: number, one: string, other = `${one}s`): string {
  return `${NUMBER.format(count)} ${RULES.select(count) === "one" ? one : other}`;
}
