import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrorsFromIssues } from "@/lib/actions/field-errors";

// Property tests over every zod boundary in lib/**/schema.ts: whatever JSON arrives, safeParse never
// throws (no 500), and the error payload the app sends back (fieldErrors) names no value or key the
// caller sent.
const schemaModules = import.meta.glob<Record<string, unknown>>("../**/schema.ts", { eager: true });
const boundaries = Object.entries(schemaModules).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter((entry): entry is [string, z.ZodType] => entry[1] instanceof z.ZodType)
    .map(([name, schema]) => ({ name: `${file.replace("../", "lib/")}#${name}`, schema })),
);

// Every caller-chosen string carries this marker, so an echo is easy to find in the payload.
const marker = "ECHO7Q";
const markedString = fc.string({ maxLength: 30 }).map((text) => `${marker}${text}`);
const markedJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    markedString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(markedString, tie("value"), { maxKeys: 4 }),
    // JSON inside a text field (labs) reaches the record schemas behind it.
    fc.dictionary(markedString, fc.oneof(fc.double(), markedString), { minKeys: 1, maxKeys: 3 }).map((value) => JSON.stringify(value)),
  ),
})).value;

function shapeKeys(schema: z.ZodType): string[] {
  const shape = (schema as { shape?: Record<string, unknown> }).shape ?? (schema as { def?: { in?: { shape?: Record<string, unknown> } } }).def?.in?.shape;
  return shape ? Object.keys(shape) : [];
}

describe("every zod boundary", () => {
  it("finds the schemas", () => {
    expect(boundaries.length).toBeGreaterThan(20);
  });

  for (const { name, schema } of boundaries) {
    it(`${name}: arbitrary input never throws and is never echoed`, () => {
      const keys = shapeKeys(schema);
      // Objects with the schema's own keys (and extras such as role/siteId) reach deeper checks than random JSON.
      const shaped = fc
        .record({ known: fc.dictionary(keys.length > 0 ? fc.constantFrom(...keys) : markedString, markedJson, { maxKeys: keys.length + 1 }), extra: fc.dictionary(fc.constantFrom("role", "siteId", "__proto__", "constructor", `${marker}key`), markedJson, { maxKeys: 2 }) })
        .map(({ known, extra }) => ({ ...known, ...extra }));
      fc.assert(
        fc.property(fc.oneof(markedJson, shaped), (input) => {
          const result = schema.safeParse(input);
          if (result.success) return;
          const payload = JSON.stringify(fieldErrorsFromIssues(result.error.issues));
          expect(payload).not.toContain(marker);
        }),
        { numRuns: 300 },
      );
    });
  }
});
