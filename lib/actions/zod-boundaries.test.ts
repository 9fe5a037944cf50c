import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrorsFromIssues } from "@/lib/actions/field-errors";
import { parseActionInput } from "@/lib/actions/parse-action-input";

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

// An own key, the way JSON.parse creates it: a plain assignment of "__proto__" would set the prototype.
function withOwnKey(target: Record<string, unknown>, key: string, value: unknown) {
  return Object.defineProperty({ ...target }, key, { value, enumerable: true, configurable: true, writable: true });
}

describe("every action input, through parseActionInput", () => {
  for (const { name, schema } of boundaries) {
    it(`${name}: a __proto__, constructor or prototype key at any depth is refused`, () => {
      const keys = shapeKeys(schema);
      const prototypeKey = fc.constantFrom("__proto__", "constructor", "prototype");
      const injected = fc
        .record({
          input: fc.dictionary(keys.length > 0 ? fc.constantFrom(...keys) : markedString, markedJson, { maxKeys: keys.length }),
          field: keys.length > 0 ? fc.constantFrom(...keys) : markedString,
          key: prototypeKey,
          depth: fc.integer({ min: 0, max: 3 }),
          inArray: fc.boolean(),
        })
        .map(({ input, field, key, depth, inArray }) => {
          let nested: unknown = withOwnKey({}, key, { polluted: true });
          for (let level = 0; level < depth; level++) nested = inArray ? [nested] : { inner: nested };
          return depth === 0 ? withOwnKey(input, key, { polluted: true }) : { ...input, [field]: nested };
        });
      fc.assert(
        fc.property(injected, (input) => {
          const result = parseActionInput(schema, input);
          expect(result.success).toBe(false);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }),
        { numRuns: 100 },
      );
    });
  }

  it("refuses a prototype key inside JSON text too (the labs of a case upload), which zod's record used to take", () => {
    const upload = { mode: "preview", pocId: "p1", idempotencyKey: "6f1c2f0e-3c1b-4a7e-9d2a-1b2c3d4e5f60", note: "", noteLanguage: "en" };
    const caseSubmission = boundaries.find((boundary) => boundary.name.endsWith("lib/cases/schema.ts#caseSubmissionSchema"))!.schema;
    expect(parseActionInput(caseSubmission, { ...upload, labs: '{"wbc":14.2}' }).success).toBe(true);
    for (const labs of ['{"wbc":14.2,"constructor":1}', '{"wbc":14.2,"__proto__":1}']) expect(parseActionInput(caseSubmission, { ...upload, labs }).success, labs).toBe(false);
  });
});
