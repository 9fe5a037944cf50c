"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { ActionError } from "@/app/_components/action-error-client";
import { useAction } from "@/app/_components/use-action-client";
import { createFederatedStudyAction, importBundleAction, registerFederatedSiteAction } from "./actions";

// The bundle file is read in the browser and sent as text: it is small (aggregates only) and the action validates it.
const readBundle = async (form: FormData) => {
  const file = form.get("bundle");
  return file instanceof File ? file.text() : "";
};

export function RegisterSiteForm() {
  const t = useTranslations("federation");
  const router = useRouter();
  const { failure, done, pending, submit } = useAction();
  return (
    <form
      className="stack"
      data-testid="register-site-form"
      onSubmit={submit(
        async (form) => {
          const result = await registerFederatedSiteAction({ code: String(form.get("code") ?? ""), name: String(form.get("name") ?? ""), publicKeyPem: String(form.get("publicKeyPem") ?? "") });
          if (result.ok) router.refresh();
          return result;
        },
        { resetOnSuccess: true },
      )}
    >
      <h3>{t("registerSite")}</h3>
      <div className="row-actions">
        <label>
          {t("code")}
          <input name="code" required maxLength={40} />
        </label>
        <label>
          {t("name")}
          <input name="name" required maxLength={200} />
        </label>
      </div>
      <label>
        {t("publicKey")}
        <textarea name="publicKeyPem" required rows={3} />
      </label>
      <button type="submit" disabled={pending}>
        {t("registerSite")}
      </button>
      <ActionError failure={failure} />
      {done && <span role="status">{t("registered")}</span>}
    </form>
  );
}

export function BundleForm({ mode }: { mode: "createStudy" | "import" }) {
  const t = useTranslations("federation");
  const router = useRouter();
  const { failure, done, pending, submit } = useAction();
  return (
    <form
      className="stack"
      data-testid={mode === "import" ? "import-bundle-form" : "create-study-form"}
      onSubmit={submit(
        async (form) => {
          const bundleJson = await readBundle(form);
          const result =
            mode === "import" ? await importBundleAction({ bundleJson }) : await createFederatedStudyAction({ title: String(form.get("title") ?? ""), bundleJson });
          if (result.ok) router.refresh();
          return result;
        },
        { resetOnSuccess: true },
      )}
    >
      <h3>{t(mode === "import" ? "import" : "createStudy")}</h3>
      {mode === "createStudy" && (
        <label>
          {t("studyTitle")}
          <input name="title" required maxLength={200} />
        </label>
      )}
      <label>
        {t("bundleFile")}
        <input name="bundle" type="file" accept="application/json,.json" required />
      </label>
      <button type="submit" disabled={pending}>
        {t(mode === "import" ? "importButton" : "createStudy")}
      </button>
      <ActionError failure={failure} />
      {done && <span role="status">{t("imported")}</span>}
    </form>
  );
}
