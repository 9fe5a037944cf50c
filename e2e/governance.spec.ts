import { expect, test, type Page } from "@playwright/test";
import { builtInChecklistTemplates } from "../lib/governance/checklist-templates";
import { callAction, demoAccount, openItemForms, signInThroughApi } from "./helpers";

/** A small, valid one-page PDF, generated here so the test carries no binary fixture. */
function generatedPdf(text: string): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets = objects.map((object, index) => {
    const offset = body.length;
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

const preStartTemplates = builtInChecklistTemplates.filter((template) => template.phase === "PRE_START");
const preStartKeys = preStartTemplates.map((template) => template.key);
const notApplicableKey = "privacy.contractors";

async function signIn(page: Page, role: "ADMIN" | "COMPLIANCE") {
  const account = demoAccount(role);
  await signInThroughApi(page.request, account.email, account.password);
}

test("a compliance officer completes the pre-start items with evidence, the PoC is approved and started, and the audit log shows every step", async ({ browser }) => {
  test.setTimeout(300_000);
  const title = `E2E PoC ${Date.now()}`;

  // The admin creates a draft PoC.
  const admin = await (await browser.newContext({ locale: "ja-JP" })).newPage();
  await signIn(admin, "ADMIN");
  await admin.goto("/admin/pocs");
  const form = admin.getByTestId("create-poc-form");
  await form.locator('input[name="title"]').fill(title);
  await form.locator('textarea[name="clinicalQuestion"]').fill("胸部X線・検査値・所見による肺炎の検出");
  await form.getByRole("button", { name: "PoCを作成" }).click();
  const pocLink = admin.getByRole("link", { name: title });
  await expect(pocLink).toBeVisible();
  const pocId = (await pocLink.getAttribute("href"))!.split("/").pop()!;
  await expect(admin.getByTestId(`poc-row-${pocId}`).getByTestId("poc-status")).toHaveText("下書き");

  // The compliance officer tries to approve too early and is refused with the translated reason.
  const officer = await (await browser.newContext({ locale: "ja-JP" })).newPage();
  await signIn(officer, "COMPLIANCE");
  await officer.goto(`/governance/${pocId}`);
  const transitions = officer.getByTestId(`poc-transitions-${pocId}`);
  const [approveRequest] = await Promise.all([
    officer.waitForRequest((request) => request.method() === "POST" && Boolean(request.headers()["next-action"])),
    transitions.getByRole("button", { name: "PoCを承認" }).click(),
  ]);
  await expect(transitions.getByRole("alert")).toHaveText(`開始前のチェックリスト項目のうち ${preStartKeys.length} 件が、まだ承認も理由付きの「該当なし」にもなっていません。`);

  // The refusal leads to the work queue filtered to exactly the items that block approval.
  await transitions.getByTestId("show-blocking-items").click();
  await expect(officer).toHaveURL(new RegExp(`/governance/${pocId}\\?filter=blocking#queue$`));
  await expect(officer.getByTestId("work-queue").locator("article")).toHaveCount(preStartKeys.length);
  for (const key of preStartKeys) await expect(officer.getByTestId(`item-${key}`).getByText("次の段階を阻害")).toBeVisible();
  await officer.goto(`/governance/${pocId}`);

  // No verdict is chosen for the officer: the form cannot be sent until one is.
  const firstItem = officer.getByTestId(`item-${preStartKeys[0]}`);
  const firstForm = firstItem.getByTestId("sign-off-form");
  await openItemForms(firstItem);
  await expect(firstForm.locator('select[name="status"]')).toHaveValue("");
  await firstForm.locator('textarea[name="statement"]').fill("法的根拠の整理メモを確認しました。");
  await firstForm.locator('input[name="password"]').fill("not the password");
  await expect(firstForm.getByRole("button", { name: "署名する" })).toBeDisabled();
  await firstForm.locator('select[name="status"]').selectOption("APPROVED");

  // A wrong password signs nothing.
  await firstForm.getByRole("button", { name: "署名する" }).click();
  await expect(firstForm.getByRole("alert")).toHaveText("パスワードを確認できなかったため、署名しませんでした。");
  await expect(firstItem.getByTestId("item-status")).toHaveText("未着手");

  // Nor does an approval without evidence: the refusal names the evidence the item asks for.
  await firstForm.locator('input[name="password"]').fill(demoAccount("COMPLIANCE").password);
  await firstForm.getByRole("button", { name: "署名する" }).click();
  await expect(firstForm.getByRole("alert")).toHaveText(`この項目は、エビデンス（ファイルまたはリンク）を添付するまで承認できません。必要なエビデンス：${preStartTemplates[0]!.evidence.ja}`);
  await expect(firstItem.getByTestId("item-status")).toHaveText("未着手");

  // Anything but a PDF, PNG or JPEG is refused as evidence.
  await firstItem.locator('input[type="file"]').setInputFiles({ name: "notes.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html>not a pdf</html>") });
  await firstItem.getByRole("button", { name: "アップロード" }).click();
  await expect(firstItem.getByTestId("evidence-upload-form").getByRole("alert")).toHaveText("エビデンスとして受け付けるのはPDF・PNG・JPEGのファイルのみです。");

  const password = demoAccount("COMPLIANCE").password;
  for (const key of preStartKeys) {
    const item = officer.getByTestId(`item-${key}`);
    const fileName = `${key}.pdf`;
    await openItemForms(item);
    await item.locator('input[type="file"]').setInputFiles({ name: fileName, mimeType: "application/pdf", buffer: generatedPdf(`Evidence for ${key}`) });
    await item.getByRole("button", { name: "アップロード" }).click();
    await expect(item.getByTestId("evidence-list").getByRole("link", { name: fileName })).toBeVisible();

    const signOff = item.getByTestId("sign-off-form");
    if (key === notApplicableKey) {
      await signOff.locator('select[name="status"]').selectOption("NOT_APPLICABLE");
      await signOff.locator('textarea[name="naReason"]').fill("本PoCでは院外の委託先がデータを扱わないため。");
    } else await signOff.locator('select[name="status"]').selectOption("APPROVED");
    await signOff.locator('textarea[name="statement"]').fill("エビデンスを確認しました。");
    await signOff.locator('input[name="password"]').fill(password);
    await signOff.getByRole("button", { name: "署名する" }).click();
    await expect(item.getByTestId("item-status")).toHaveText(key === notApplicableKey ? "該当なし" : "承認済み");
  }
  await expect(officer.getByTestId("progress-PRE_START")).toContainText(`${preStartKeys.length} / ${preStartKeys.length}`);

  await transitions.getByRole("button", { name: "PoCを承認" }).click();
  await expect(officer.getByTestId("poc-status")).toHaveText("承認済み");
  // Compliance may approve but not start.
  await expect(transitions.getByRole("button", { name: "PoCを開始" })).toHaveCount(0);

  // The admin starts it.
  await admin.reload();
  const row = admin.getByTestId(`poc-row-${pocId}`);
  await row.getByRole("button", { name: "PoCを開始" }).click();
  await expect(row.getByTestId("poc-status")).toHaveText("実施中");

  // The same approve action, called directly: refused for a role without the permission, and for a PoC past draft.
  const replayApprove = async (role: "EXECUTIVE" | "COMPLIANCE") => {
    const context = await browser.newContext();
    await signInThroughApi(context.request, demoAccount(role).email, demoAccount(role).password);
    const response = await context.request.post(approveRequest.url(), {
      headers: { "next-action": approveRequest.headers()["next-action"]!, "content-type": approveRequest.headers()["content-type"]!, accept: "text/x-component", origin: new URL(approveRequest.url()).origin },
      data: approveRequest.postData()!,
    });
    const text = await response.text();
    await context.close();
    return text;
  };
  expect(await replayApprove("EXECUTIVE")).toContain("FORBIDDEN");
  expect(await replayApprove("COMPLIANCE")).toContain("POC_TRANSITION_NOT_ALLOWED");
  await admin.reload();
  await expect(row.getByTestId("poc-status")).toHaveText("実施中");

  // The audit log shows every step, and the chain verifies.
  await officer.goto(`/governance/${pocId}`);
  await officer.getByRole("link", { name: "このPoCの監査ログ" }).click();
  await expect(officer).toHaveURL(new RegExp(`/audit\\?pocId=${pocId}`));
  await expect(officer.getByTestId("chain-status")).toContainText("チェーンは正常です");
  const events = officer.getByTestId("audit-events");
  // The PoC's events fill more than one page (50 rows): its lifecycle events by themselves.
  await officer.goto(`/audit?pocId=${pocId}&action=poc.`);
  await expect(events.locator('tr[data-action="poc.create"]')).toHaveCount(1);
  await expect(events.locator('tr[data-action="poc.approve"]')).toHaveCount(3);
  await expect(events.locator('tr[data-action="poc.approve"]').filter({ hasText: "拒否" })).toHaveCount(2);
  await expect(events.locator('tr[data-action="poc.start"]')).toContainText("成功");

  await officer.goto(`/audit?pocId=${pocId}&action=checklist.sign_off&from=${new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Tokyo" })}`);
  await expect(events.locator('tr[data-action="checklist.sign_off"]').filter({ hasText: "成功" })).toHaveCount(preStartKeys.length);
  // The wrong password and the approval without evidence.
  await expect(events.locator('tr[data-action="checklist.sign_off"]').filter({ hasText: "拒否" })).toHaveCount(2);

  await officer.goto(`/audit?pocId=${pocId}&action=checklist.add_evidence`);
  await expect(events.locator('tr[data-action="checklist.add_evidence"]')).toHaveCount(preStartKeys.length);

  // The CSV export carries the same events.
  const csv = await officer.request.get(`/audit/export?pocId=${pocId}`);
  expect(csv.status()).toBe(200);
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines.filter((line) => line.includes(",poc.")).length).toBe(5);
  expect(lines.filter((line) => line.includes(",checklist.sign_off,")).length).toBe(preStartKeys.length + 2);

  // A clinician is refused both the page and the export.
  const clinician = await (await browser.newContext()).newPage();
  const account = demoAccount("CLINICIAN");
  await signInThroughApi(clinician.request, account.email, account.password);
  expect((await clinician.goto("/audit"))?.status()).toBe(403);
  expect((await clinician.request.get(`/audit/export?entityId=${pocId}`)).status()).toBe(403);

  for (const page of [admin, officer, clinician]) await page.context().close();
});

test("with its site's second-signer rule on, a high-risk item is approved only when a second compliance officer confirms it", async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const stamp = Date.now().toString(36).toUpperCase();
  const admin = await (await browser.newContext({ locale: "ja-JP" })).newPage();
  await signIn(admin, "ADMIN");
  const siteCode = `E2E-2S-${stamp.slice(-8)}`;
  const siteId = /"id":"([^"]+)"/.exec(await callAction(admin.request, baseURL!, "createSiteAction", { code: siteCode, nameEn: "Two-signer Hospital", nameJa: "二人署名病院" }))![1]!;
  const officerPassword = "e2e compliance officer passphrase";
  const officerEmails = [1, 2].map((index) => `officer${index}.${stamp.toLowerCase()}@e2e.example`);
  for (const [index, email] of officerEmails.entries()) {
    await callAction(admin.request, baseURL!, "createUserAction", { email, name: `E2E Officer ${index + 1}`, role: "COMPLIANCE", siteIds: [siteId], locale: "ja", password: officerPassword });
  }

  // The admin turns the site's rule on, then creates a PoC there.
  await admin.goto("/governance/templates");
  const rule = admin.getByTestId(`second-signer-rule-${siteCode}`);
  await rule.getByRole("checkbox").check();
  await rule.getByRole("button", { name: "保存" }).click();
  await expect(rule.getByRole("status")).toHaveText("保存しました。");
  const title = `E2E two-signer PoC ${stamp}`;
  await admin.goto("/admin/pocs");
  const form = admin.getByTestId("create-poc-form");
  await form.locator('input[name="title"]').fill(title);
  await form.locator('textarea[name="clinicalQuestion"]').fill("二人署名の確認");
  await form.locator('select[name="siteId"]').selectOption(siteId);
  await form.getByRole("button", { name: "PoCを作成" }).click();
  const pocLink = admin.getByRole("link", { name: title });
  await expect(pocLink).toBeVisible();
  const pocId = (await pocLink.getAttribute("href"))!.split("/").pop()!;

  const officerPage = async (email: string) => {
    const page = await (await browser.newContext({ locale: "ja-JP" })).newPage();
    await signInThroughApi(page.request, email, officerPassword);
    await page.goto(`/governance/${pocId}`);
    return page;
  };
  const sign = async (page: Page) => {
    await openItemForms(page.getByTestId("item-privacy.legal_basis"));
    const signOff = page.getByTestId("item-privacy.legal_basis").getByTestId("sign-off-form");
    await signOff.locator('select[name="status"]').selectOption("APPROVED");
    await signOff.locator('textarea[name="statement"]').fill("法的根拠の整理メモを確認しました。");
    await signOff.locator('input[name="password"]').fill(officerPassword);
    await signOff.getByRole("button", { name: "署名する" }).click();
    return signOff;
  };

  const first = await officerPage(officerEmails[0]!);
  await expect(first.getByTestId("second-signer-rule")).toContainText("必要");
  const item = first.getByTestId("item-privacy.legal_basis");
  await expect(item.getByTestId("high-risk")).toHaveText("高リスク・2人の署名が必要");
  await openItemForms(item);
  await item.locator('input[name="url"]').fill("https://legal.example-hospital.jp/memos/2026-12");
  await item.getByRole("button", { name: "リンクを追加" }).click();
  await expect(item.getByTestId("evidence-list")).toContainText("https://legal.example-hospital.jp/memos/2026-12");
  await sign(first);
  await expect(item.getByTestId("item-status")).toHaveText("2人目の署名待ち");
  await expect(item.getByTestId("awaiting-second-signature")).toContainText("E2E Officer 1");
  await expect(first.getByTestId("progress-PRE_START").locator(".metric")).toHaveText(`0 / ${preStartKeys.length}`);

  // The first officer cannot be the second.
  const again = await sign(first);
  await expect(again.getByRole("alert")).toHaveText("高リスク項目のため、別のコンプライアンス担当者による2人目の署名が必要です。ご自身の署名を自分で確認することはできません。");
  await expect(item.getByTestId("item-status")).toHaveText("2人目の署名待ち");

  const second = await officerPage(officerEmails[1]!);
  await sign(second);
  const confirmed = second.getByTestId("item-privacy.legal_basis");
  await expect(confirmed.getByTestId("item-status")).toHaveText("承認済み");
  await expect(confirmed.getByTestId("sign-off-list").locator("li")).toHaveCount(2);
  await expect(confirmed.getByTestId("sign-off-list").locator("li").nth(1)).toContainText("E2E Officer 2");
  await expect(confirmed.getByTestId("sign-off-list").locator("li").nth(1)).toContainText("2人目の署名（直前の署名を確認）");
  await expect(second.getByTestId("progress-PRE_START").locator(".metric")).toHaveText(`1 / ${preStartKeys.length}`);

  for (const page of [admin, first, second]) await page.context().close();
});
