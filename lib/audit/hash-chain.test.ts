import { describe, expect, it } from "vitest";
import { auditRowHash, canonicalJson, findChainBreak, genesisHash, type ChainedAuditFields } from "./hash-chain";

function buildChain(length: number, version = (seq: number) => (seq > length / 2 ? 2 : 1)) {
  const rows: (ChainedAuditFields & { hash: string })[] = [];
  for (let seq = 1; seq <= length; seq++) {
    const fields: ChainedAuditFields = {
      seq,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)),
      actorId: `user-${seq % 3}`,
      actorRole: "ADMIN",
      action: "user.create",
      entityType: "User",
      entityId: `u${seq}`,
      outcome: "SUCCESS",
      details: { b: 1, a: [seq, "x"] },
      requestId: null,
      prevHash: rows.at(-1)?.hash ?? genesisHash,
      // Older rows (version 1) carry a back-filled site their hash does not cover; newer ones hash it.
      hashVersion: version(seq),
      siteId: `site-${seq % 2}`,
    };
    rows.push({ ...fields, hash: auditRowHash(fields) });
  }
  return rows;
}

describe("audit hash chain", () => {
  it("serialises objects with sorted keys at every level", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}');
  });

  it("accepts an intact chain", () => {
    expect(findChainBreak(buildChain(20))).toBeNull();
  });

  it("locates an edited row", () => {
    const rows = buildChain(10);
    rows[4] = { ...rows[4]!, action: "user.delete" };
    expect(findChainBreak(rows)).toEqual({ seq: 5, problem: "altered" });
  });

  it("locates a removed row", () => {
    const rows = buildChain(10);
    rows.splice(6, 1);
    expect(findChainBreak(rows)).toEqual({ seq: 8, problem: "gap" });
  });

  it("locates two swapped rows even when their seq values are swapped too", () => {
    const rows = buildChain(10);
    const [third, fourth] = [rows[2]!, rows[3]!];
    rows[2] = { ...fourth, seq: 3 };
    rows[3] = { ...third, seq: 4 };
    expect(findChainBreak(rows)?.seq).toBe(3);
  });

  it("continues from a known head", () => {
    const rows = buildChain(10);
    expect(findChainBreak(rows.slice(5), { seq: 5, hash: rows[4]!.hash })).toBeNull();
    expect(findChainBreak(rows.slice(5), { seq: 5, hash: genesisHash })).toEqual({ seq: 6, problem: "broken-link" });
  });

  it("detects a moved site on a version-2 row, and a row switched between versions", () => {
    const rows = buildChain(10);
    const moved = [...rows];
    moved[7] = { ...rows[7]!, siteId: "another-site" };
    expect(findChainBreak(moved)).toEqual({ seq: 8, problem: "altered" });
    const downgraded = [...rows];
    downgraded[7] = { ...rows[7]!, hashVersion: 1 };
    expect(findChainBreak(downgraded)).toEqual({ seq: 8, problem: "altered" });
  });

  it("verifies version-1 rows whatever site was back-filled into them", () => {
    const rows = buildChain(10);
    rows[2] = { ...rows[2]!, siteId: "back-filled" };
    expect(findChainBreak(rows)).toBeNull();
  });
});
