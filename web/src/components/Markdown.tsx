import { useMemo } from "react";
import { renderMarkdown } from "../lib/markdown";

export function Markdown({ source, className = "prose" }: { source: string; className?: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  // The HTML is sanitised by DOMPurify in renderMarkdown.
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
