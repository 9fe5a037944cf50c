import pg from "pg";

// A checksum of every table's rows, to prove a refused call changed nothing. AuditEvent is compared
// apart: a refusal may add its own DENIED row, and nothing else.
export type Snapshot = { tables: Record<string, string>; auditCount: number };

// Bookkeeping every signed-in request may move (at most once a minute): not a change the call made.
const ignoredColumns: Record<string, string[]> = { UserSession: ["lastSeenAt"] };

export async function openAccessDatabase(database: string) {
  const url = new URL(process.env.TEST_POSTGRES_URL!);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return client;
}

export async function snapshot(client: pg.Client): Promise<Snapshot> {
  const { rows } = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY table_name`,
  );
  const tables: Record<string, string> = {};
  let auditCount = 0;
  for (const { table_name: table } of rows) {
    if (table === "AuditEvent") {
      auditCount = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "AuditEvent"`)).rows[0]!.n);
      continue;
    }
    const row = `(to_jsonb(t)${(ignoredColumns[table] ?? []).map((column) => ` - '${column}'`).join("")})::text`;
    const { rows: sums } = await client.query<{ sum: string }>(`SELECT md5(coalesce(string_agg(${row}, '|' ORDER BY ${row}), '')) AS sum FROM "${table}" t`);
    tables[table] = sums[0]!.sum;
  }
  return { tables, auditCount };
}

export async function latestAuditEvents(client: pg.Client, count: number) {
  const { rows } = await client.query<{ action: string; outcome: string; actorId: string | null }>(
    `SELECT action, outcome, "actorId" FROM "AuditEvent" ORDER BY seq DESC LIMIT $1`,
    [count],
  );
  return rows;
}
