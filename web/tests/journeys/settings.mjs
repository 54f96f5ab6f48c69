// Settings: units, display modes, a caregiver.
import {
  ARTIFACTS, check, feeds, join, newContext, newMother, now, server, sleep, test, tia, waitForRecords, walk,
} from "../harness.mjs";

await test("settings: units, dark and nursery mode; a caregiver joins with a code and logs a feed for the mother", async () => {
  const context = await newContext({ viewport: { width: 390, height: 844 } });
  const { page, violations } = await newMother(context);
  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByLabel("oz").check();
  await page.getByLabel("°F").check();
  await page.getByLabel("Dark").check();
  check((await page.evaluate(() => document.documentElement.dataset.theme)) === "dark", "dark theme applied");
  await page.screenshot({ path: join(ARTIFACTS, "settings-dark.png"), fullPage: true });
  await page.getByLabel(/Nursery mode/).check();
  check(await page.evaluate(() => document.documentElement.hasAttribute("data-nursery")), "nursery mode applied");
  await page.getByRole("button", { name: "Tia" }).click();
  const height = await page.getByRole("button", { name: "Start a feed" }).evaluate((b) => b.getBoundingClientRect().height);
  check(height >= 72, `nursery mode makes the buttons larger: ${height}px`);
  await page.screenshot({ path: join(ARTIFACTS, "home-nursery.png"), fullPage: true });
  // Her units are the default on every form, and stay after a reload.
  await page.reload();
  await page.getByRole("button", { name: "Pumping" }).click();
  check(await page.getByLabel("Left (oz)").isVisible(), "pumping asks in oz");
  await page.getByRole("button", { name: "Tia" }).click();
  await page.getByRole("button", { name: "Symptom check" }).click();
  let inF = false;
  await walk(page, { temperature: 101.5 }, async (section) => {
    if (section === "body") inF = (await page.locator("[data-question=temperature] label").first().innerText()).includes("°F");
  });
  check(inF, "the temperature is asked in °F");
  await page.getByRole("button", { name: "See the result" }).click();
  await page.getByTestId("disposition").waitFor();
  const checks = await page.evaluate(async () => {
    const me = await (await fetch("/api/v1/auth/me")).json();
    return (await (await fetch(`/api/v1/mothers/${me.id}/symptom-checks`)).json()).items;
  });
  check(checks[0].answers.current_temp_c === 38.61, `101.5 F sent as 38.61 C: ${JSON.stringify(checks[0].answers)}`);
  await page.getByRole("button", { name: "Tia" }).click();

  // Sharing: an invitation for the baby's log; her partner joins on his own phone.
  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Create an invitation" }).click();
  const code = await page.getByTestId("invite-code").locator("strong").textContent();
  check(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/.test(code), `a short code without look-alikes: ${code}`);
  // Shared through the phone's share sheet, with a link that opens "join" with the code filled in.
  await page.evaluate(() => { window.__shared = []; navigator.share = async (d) => { window.__shared.push(d); }; });
  await page.getByTestId("invite-share").click();
  const shared = await page.evaluate(() => window.__shared);
  check(shared.length === 1 && shared[0].text.includes(code) && shared[0].url === `${server.base}/?invite=${code.replace("-", "")}`,
        `shared with the code and its link: ${JSON.stringify(shared)}`);
  // ...and as a QR code of that link, for a phone beside hers.
  await page.getByTestId("invite-show-qr").click();
  const qr = page.getByTestId("invite-qr");
  await qr.waitFor();
  check((await qr.getAttribute("data-text")) === shared[0].url && (await qr.locator("path").getAttribute("d")).length > 500,
        "the QR code draws the link");
  await page.screenshot({ path: join(ARTIFACTS, "invite-code.png"), fullPage: true });
  const other = await newContext({ viewport: { width: 390, height: 844 } });
  const cg = await other.newPage();
  await cg.goto(server.base + "/");
  await cg.evaluate(() => localStorage.setItem("tia.lang", "en"));
  await cg.goto(shared[0].url);
  check((await cg.getByLabel("Invitation code").inputValue()) === code.replace("-", ""), "the link fills in the code");
  // He types it as he heard it: lower case, with the dash.
  await cg.getByLabel("Invitation code").fill(code.toLowerCase());
  await cg.getByLabel("E-mail").fill(`cg-${Date.now()}@example.org`);
  await cg.locator("input[name=password]").fill("a long partner password");
  await cg.locator("input[name=name]").fill("Minh");
  await cg.locator("button[type=submit]").click();
  await cg.getByTestId("acting-for").waitFor();
  check((await cg.getByTestId("acting-for").textContent()) === "Logging for Lan", "he logs for her");
  check(await cg.getByRole("button", { name: "Breast check-in" }).count() === 0, "the baby's scope shows no breast screens");
  await cg.screenshot({ path: join(ARTIFACTS, "caregiver-home.png"), fullPage: true });
  await cg.getByRole("button", { name: "Start a feed" }).click();
  await cg.getByRole("button", { name: "Start right" }).click();
  await sleep(1200);
  await cg.getByRole("button", { name: "Finish and save" }).click();
  const fs = await waitForRecords(page, "feeds", 1);
  check(fs.length === 1 && fs[0].segments[0].side === "right", `the partner's feed is in her log: ${JSON.stringify(fs)}`);
  await page.reload();
  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByText("Minh · The baby's feeds and nappies").waitFor();
  await page.getByRole("button", { name: "Stop sharing" }).click();
  await page.getByText("Minh · The baby's feeds and nappies").waitFor({ state: "detached" });
  const after = await cg.evaluate(async (id) => (await fetch(`/api/v1/mothers/${id}/feeds`)).status, fs[0].id && (await page.evaluate(async () => (await (await fetch("/api/v1/auth/me")).json()).id)));
  check(after === 404, `after she stops sharing he sees nothing: ${after}`);
  check(violations.length === 0, `no CSP violations: ${violations.join("; ")}`);
  await other.close();
  await context.close();
});
