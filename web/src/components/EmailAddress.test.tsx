import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { EmailAddress } from "./EmailAddress";

describe("EmailAddress", () => {
  it("may wrap before the @ and each dot, and nowhere inside a word", () => {
    const { container } = render(<EmailAddress address="margaret.hamilton@apollo.example.com" />);
    const shown = container.querySelector(".email");
    expect(shown?.innerHTML).toBe("margaret<wbr>.hamilton<wbr>@apollo<wbr>.example<wbr>.com");
    expect(shown).toHaveTextContent(/^margaret\.hamilton@apollo\.example\.com$/);
  });
});
