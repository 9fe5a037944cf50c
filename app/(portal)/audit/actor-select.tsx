import { getTranslations } from "next-intl/server";
import { listAuditActors } from "@/lib/audit/search-audit-events";
import type { SiteReach } from "@/lib/auth/site-scope";
import { db } from "@/lib/db/client";

/** The "who" filter of the audit search and the access review: the people of the viewer's sites, by name. */
export async function ActorSelect({ selected, viewer }: { selected?: string; viewer: SiteReach }) {
  const t = await getTranslations("audit");
  const users = await listAuditActors(db(), viewer);
  return (
    <label>
      {t("actor")}
      <select name="actorId" defaultValue={selected ?? ""}>
        <option value="">{t("any")}</option>
        {users.map((user) => (
          <option key={user.id} value={user.id}>
            {user.name} ({user.email})
          </option>
        ))}
      </select>
    </label>
  );
}
