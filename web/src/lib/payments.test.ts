import { describe, expect, it } from "vitest";
import { signedAmount } from "./payments";

describe("signedAmount", () => {
  it("writes amounts with the currency's digits", () => {
    expect(signedAmount({ amount_minor: 2100, currency: "EUR" })).toBe("21.00 EUR");
    expect(signedAmount({ amount_minor: 5, currency: "USD" })).toBe("0.05 USD");
    expect(signedAmount({ amount_minor: 3000, currency: "JPY" })).toBe("3000 JPY");
    expect(signedAmount({ amount_minor: 1500, currency: "KWD" })).toBe("1.500 KWD");
  });

  it("puts a minus before a debit, whole units included", () => {
    expect(signedAmount({ amount_minor: -100, currency: "EUR" })).toBe("\u22121.00 EUR");
    expect(signedAmount({ amount_minor: -150, currency: "EUR" })).toBe("\u22121.50 EUR");
    expect(signedAmount({ amount_minor: -7, currency: "GBP" })).toBe("\u22120.07 GBP");
    expect(signedAmount({ amount_minor: 0, currency: "EUR" })).toBe("0.00 EUR");
  });
});
