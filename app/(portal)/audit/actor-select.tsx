import { getTranslations } from "next-intl/server";
import { db } from "@/lib/db/client";

/** The "who" filter of the audit search and the access review: every user, by name. */
export async function ActorSelect({ selected }: { selected?: string }) {
  const t = await getTranslations("audit");
  const users = await db().user.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, email: true } });
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
