import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../lib/markdown";
import { Markdown } from "./Markdown";

const HOSTILE = [
  "Hello **world**",
  "",
  "<script>window.hacked = true</script>",
  '<img src="x" onerror="window.hacked = true">',
  '<a href="javascript:window.hacked = true">click</a>',
  '<iframe src="https://evil.example.com"></iframe>',
].join("\n");

describe("Markdown", () => {
  it("renders Markdown", () => {
    const html = renderMarkdown("# Title\n\n- one\n- two\n\n[link](https://example.com)");
    expect(html).toContain("<h1>Title</h1>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain('href="https://example.com"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });

  it("removes scripts, event handlers and javascript: links", () => {
    const html = renderMarkdown(HOSTILE);
    expect(html).toContain("<strong>world</strong>");
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/onerror/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/<iframe/i);
  });

  it("never runs a script from the description", () => {
    const { container } = render(<Markdown source={HOSTILE} />);
    expect(container.querySelector("script")).toBeNull();
    expect(container.querySelector("[onerror]")).toBeNull();
    expect(container.querySelector("img")).not.toBeNull();
    expect((window as unknown as { hacked?: boolean }).hacked).toBeUndefined();
  });
});
