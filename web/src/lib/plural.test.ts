import { describe, expect, it } from "vitest";
import { counted } from "./plural";

describe("counted", () => {
  it("takes the singular for one and the plural for any other count", () => {
    expect(counted(1, "place")).toBe("1 place");
    expect(counted(2, "place")).toBe("2 places");
    expect(counted(0, "place")).toBe("0 places");
  });

  it("takes an irregular plural, and groups thousands", () => {
    expect(counted(1, "person", "people")).toBe("1 person");
    expect(counted(1200, "person", "people")).toBe("1,200 people");
  });
});
