import type { Role } from "@/lib/db/generated/enums";

export type DemoCredential = { role: Role; email: string; password: string };

// Demo-only passwords, printed at start; the seed never runs in production unless SEED_DEMO=always.
export const demoCredentials: DemoCredential[] = [
  { role: "CLINICIAN", email: "clinician@demo.example", password: "demo-clinician-pass" },
  { role: "EXECUTIVE", email: "executive@demo.example", password: "demo-executive-pass" },
  { role: "COMPLIANCE", email: "compliance@demo.example", password: "demo-compliance-pass" },
  { role: "ADMIN", email: "admin@demo.example", password: "demo-admin-pass" },
];
