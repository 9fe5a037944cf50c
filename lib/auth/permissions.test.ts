import { describe, expect, it } from "vitest";
import { can, permissions, roles } from "./permissions";

describe("permission map", () => {
  it("gives user and site management to admins only", () => {
    expect(roles.filter((role) => can(role, "user:manage"))).toEqual(["ADMIN"]);
    expect(roles.filter((role) => can(role, "site:manage"))).toEqual(["ADMIN"]);
  });

  it("keeps case reading with clinicians and audit with compliance", () => {
    expect(roles.filter((role) => can(role, "case:read"))).toEqual(["CLINICIAN"]);
    expect(roles.filter((role) => can(role, "audit:view"))).toEqual(["COMPLIANCE"]);
  });

  it("lets admins and executives start a PoC, executives decide, and compliance or admins approve", () => {
    expect(roles.filter((role) => can(role, "poc:start"))).toEqual(["EXECUTIVE", "ADMIN"]);
    expect(roles.filter((role) => can(role, "poc:decide"))).toEqual(["EXECUTIVE"]);
    expect(roles.filter((role) => can(role, "poc:approve"))).toEqual(["COMPLIANCE", "ADMIN"]);
    expect(roles.filter((role) => can(role, "governance:sign"))).toEqual(["COMPLIANCE"]);
  });

  it("names only known roles", () => {
    for (const allowed of Object.values(permissions)) for (const role of allowed) expect(roles).toContain(role);
  });
});
