/** Files the page fetches with the person's token and hands to the browser as downloads. */

/** A file name made of the title's plain letters and digits: "launch-party-insights.csv". */
export function titledFileName(title: string, ending: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 50);
  return `${slug || "meetup"}${ending}`;
}

/** Hand a file fetched by the page to the browser, as a download. */
export function saveFile(file: Blob, name: string): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked once the click has been handled: some browsers read the URL after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
