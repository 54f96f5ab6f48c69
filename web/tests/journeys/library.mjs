// The health library (issue 14): the public pages without JavaScript, search without diacritics,
// the week card on a pregnant mother's home, reading offline, accessibility and valid HTML.
import {
  ARTIFACTS, apiLogin, check, hanoiDate, join, newClinician, newContext, newMother, only, scanner, server, signIn, symptomCheck,
  test, tia,
} from "../harness.mjs";

const PUBLISHED = ["tac-tia-sua", "tac-tia-sua-khong-dung-thuoc", "phong-tac-tia-sua-sau-sinh", "cuc-o-vu-sau-sinh",
                   "pregnancy-week-20", "pregnancy-week-21", "postpartum-week-1"];

// What Tia ships, loaded into the tests' hospital (awaiting review), then approved by a midwife who
// did not write it and published by the admin, through the API as staff would.
let ready = null;
function publishLibrary() {
  ready ??= (async () => {
    tia(["--db", server.db, "library", "seed", "--hospital", "tudu"], { stdio: "ignore" });
    const password = "a library reviewer password";
    tia(["--db", server.db, "user", "add", "--email", "reviewer@tudu.test", "--name", "BS. Nguyễn Thị Hoa", "--role",
         "clinician", "--hospital", "tudu"], { stdio: "ignore", env: { ...process.env, TIA_PASSWORD: password } });
    const reviewer = await apiLogin("reviewer@tudu.test", password);
    const admin = await apiLogin("admin@tudu.test", "an admin password 123");
    const post = async (token, path, body) => {
      const r = await fetch(server.base + path, { method: "POST", body: JSON.stringify(body),
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` } });
      if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    };
    for (const slug of PUBLISHED) {
      const base = `/api/v1/hospital/articles/${slug}/versions/1`;
      await post(reviewer, `${base}/approve`, { languages: ["vi", "en"] });
      await post(admin, `${base}/publish`, {});
    }
  })();
  return ready;
}

const PHONE = { width: 390, height: 844 };

await test("library: a visitor with no JavaScript reads the blocked-duct article in Vietnamese and finds it by searching 'tac tia sua'", async () => {
  await publishLibrary();
  const context = await newContext({ javaScriptEnabled: false, viewport: PHONE });
  const page = await context.newPage();
  const res = await page.goto(`${server.base}/library/tudu/vi/tac-tia-sua`);
  check(res.status() === 200, `article: ${res.status()}`);
  const text = await page.locator("body").innerText();
  for (const want of ["Viết bởi", "Nhóm biên soạn Tia", "Thẩm định chuyên môn", "BS. Nguyễn Thị Hoa", "Thẩm định lần cuối",
                      "Hạn thẩm định tiếp theo", "Tài liệu tham khảo", "Bài viết liên quan", "ABM Clinical Protocol #36"]) {
    check(text.includes(want), `the article page shows "${want}"`);
  }
  check(await page.locator("h1").innerText() !== "", "a title");
  // The emergency number is on the first screen of a phone, not only at the end of a long page.
  const emergency = page.locator("a[href='tel:115']").first();
  const box = await emergency.boundingBox();
  check(box && box.y + box.height <= PHONE.height, `emergency link on the first screen (${JSON.stringify(box)})`);
  // Related articles are real links to published pages.
  const related = await page.locator("a[href^='/library/tudu/vi/']").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  check(related.includes("/library/tudu/vi/tac-tia-sua-khong-dung-thuoc"), `related links: ${related}`);
  await page.screenshot({ path: join(ARTIFACTS, "library-article-vi-nojs.png"), fullPage: false });

  // Search without diacritics, as she types it on a phone keyboard without Vietnamese input.
  await page.goto(`${server.base}/library/tudu/vi/search?q=tac+tia+sua`);
  const hit = page.locator("a[href='/library/tudu/vi/tac-tia-sua']").first();
  check(await hit.count() === 1, "the search finds the blocked-duct article");
  await hit.click();
  check(page.url().endsWith("/library/tudu/vi/tac-tia-sua"), `followed the result to ${page.url()}`);
  await page.screenshot({ path: join(ARTIFACTS, "library-search-vi-nojs.png"), fullPage: false });
  await context.close();
});

await test("library: article, search and week pages have no serious axe violation, valid HTML, MedicalWebPage JSON-LD, and a sitemap of both languages", async () => {
  await publishLibrary();
  const context = await newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const scan = scanner(page);
  // Loaded here, not at the top: a validator that cannot load fails this test, not the whole run.
  const { HtmlValidate } = await import("html-validate");
  const validator = new HtmlValidate({ extends: ["html-validate:standard"],
    // The pages' inline JSON-LD is data, not script; long lines of prose are not markup errors.
    rules: { "no-inline-style": "off" } });
  const pages = [];
  for (const slug of PUBLISHED) for (const l of ["vi", "en"]) pages.push(`/library/tudu/${l}/${slug}`);
  for (const path of pages) {
    const res = await page.goto(server.base + path);
    check(res.status() === 200, `${path}: ${res.status()}`);
    const html = await res.text();
    const report = await validator.validateString(html);
    check(report.valid, `${path} is valid HTML: ${report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} ${m.message} (line ${m.line})`)).slice(0, 5).join("; ")}`);
    const ld = JSON.parse(await page.locator("script[type='application/ld+json']").first().textContent());
    check(ld["@type"] === "MedicalWebPage" && ld.lastReviewed && ld.reviewedBy && ld.author && Array.isArray(ld.citation) &&
          ld.medicalAudience, `${path}: MedicalWebPage JSON-LD ${JSON.stringify(ld).slice(0, 200)}`);
  }
  for (const path of ["/library/tudu/vi/tac-tia-sua", "/library/tudu/vi/search?q=dau", "/library/tudu/en/pregnancy-week-20",
                      "/library/tudu/vi/pregnancy-week-20", "/library/tudu/vi"]) {
    await page.goto(server.base + path);
    await scan(path);
  }
  await page.goto(`${server.base}/library/tudu/en/pregnancy-week-20`);
  await page.screenshot({ path: join(ARTIFACTS, "library-week-20-en-laptop.png"), fullPage: false });
  const sitemap = await (await fetch(`${server.base}/sitemap.xml`)).text();
  for (const slug of PUBLISHED) for (const l of ["vi", "en"]) {
    check(sitemap.includes(`/library/tudu/${l}/${slug}</loc>`), `sitemap lists ${l}/${slug}`);
  }
  check(!sitemap.includes("pregnancy-week-22"), "the sitemap lists nothing unpublished");
  await context.close();
});

await test("library: a mother 20 weeks 3 days pregnant sees week 20 on her phone's home and reads it again offline", async () => {
  await publishLibrary();
  const context = await newContext({ viewport: PHONE });
  const { page } = await newMother(context, "vi");
  await page.getByRole("button", { name: "Cài đặt" }).click();
  await page.locator("input[name=due_date]").fill(hanoiDate(280 - (20 * 7 + 3)));
  await page.getByRole("button", { name: "Lưu" }).first().click();
  await page.getByRole("status").filter({ hasText: "Đã lưu" }).waitFor();
  await page.getByRole("button", { name: "Tia" }).click();
  const card = page.getByTestId("week-card");
  await card.waitFor();
  check((await card.locator("h2").innerText()) === "Thai 20 tuần 3 ngày", `the card says ${await card.locator("h2").innerText()}`);
  check((await page.getByTestId("week-title").innerText()) === "Tuần thai thứ 20", "the week-20 card");
  const box = await page.getByTestId("week-read").boundingBox();
  check(box && box.y + box.height <= PHONE.height, `the card's button is on the first screen (${JSON.stringify(box)})`);
  await page.screenshot({ path: join(ARTIFACTS, "library-home-week-20-vi-phone.png") });
  await page.getByTestId("week-read").click();
  await page.getByRole("heading", { level: 1, name: "Tuần thai thứ 20" }).waitFor();
  const byline = await page.getByTestId("read-byline").innerText();
  check(byline.includes("BS. Nguyễn Thị Hoa"), `the reviewer is named: ${byline}`);
  check((await page.locator(".prose").innerText()).includes("331 g"), "the baby's estimated weight, with its source");
  check(page.url().endsWith("/read/pregnancy-week-20"), page.url());
  await page.screenshot({ path: join(ARTIFACTS, "library-read-week-20-vi-phone.png") });
  // Offline, the card she opened is still there.
  await page.getByRole("button", { name: "Tia" }).click();
  await context.setOffline(true);
  await page.getByTestId("week-read").click();
  await page.getByTestId("read-offline").waitFor();
  check((await page.locator("h1").innerText()) === "Tuần thai thứ 20", "read offline");
  await context.setOffline(false);
  await context.close();
});

await test("library: a mother asks under the article; a midwife publishes and answers it; 'sốt 39 độ, có mủ' is held and opens a private consultation with her words", async () => {
  await publishLibrary();
  const context = await newContext({ viewport: PHONE });
  const { page } = await newMother(context, "vi");
  await page.goto(`${server.base}/read/tac-tia-sua`);
  await page.getByTestId("reader-questions").waitFor();
  const question = "Chườm lạnh bao lâu mỗi lần thì đủ ạ?";
  await page.locator("textarea[name=question]").fill(question);
  await page.getByRole("button", { name: "Gửi câu hỏi" }).click();
  await page.getByTestId("rq-status").filter({ hasText: "đang chờ" }).waitFor();
  check((await page.getByTestId("rq-mine").first().innerText()).includes("Đang chờ duyệt"), "hers waits for moderation");
  check(await page.getByTestId("rq-public").count() === 0, "nothing public yet");

  // The midwife's workspace, on a laptop.
  const staff = await newContext({ viewport: { width: 1280, height: 900 } });
  const ws = await newClinician(staff, `mw-${Date.now()}@tudu.test`);
  const pending = ws.getByTestId("mod-pending").filter({ hasText: question });
  await pending.waitFor();
  await pending.getByTestId("mod-approve").click();
  const toAnswer = ws.getByTestId("mod-unanswered").filter({ hasText: question });
  await toAnswer.locator("textarea[name=answer]").fill("Mỗi lần khoảng 10 phút, sau cữ bú, qua một lớp khăn mỏng.");
  await ws.screenshot({ path: join(ARTIFACTS, "library-moderation-laptop.png") });
  await toAnswer.getByTestId("mod-answer").click();
  await toAnswer.waitFor({ state: "detached" });
  await staff.close();

  await page.reload();
  const published = page.getByTestId("rq-public").filter({ hasText: question });
  await published.waitFor();
  const shown = await published.innerText();
  check(shown.includes("Midwife Hoa") && shown.includes("10 phút"), `the answer with the midwife's name: ${shown}`);
  // The public page (no sign-in) shows it too.
  const html = await (await fetch(`${server.base}/library/tudu/vi/tac-tia-sua`)).text();
  check(html.includes(question) && html.includes("Midwife Hoa"), "the public page shows the answered question");

  // A warning sign is not published: she is offered a private consultation with her words.
  const urgent = "Em bị sốt 39 độ, có mủ ở vú trái thì phải làm sao?";
  await page.locator("textarea[name=question]").fill(urgent);
  await page.getByRole("button", { name: "Gửi câu hỏi" }).click();
  const held = page.getByTestId("rq-held");
  await held.waitFor();
  const heldText = await held.innerText();
  check(heldText.includes("sốt") && heldText.includes("mủ"), `held, naming why: ${heldText}`);
  const box = await page.getByTestId("rq-consult").boundingBox();
  check(box && box.width >= 44 && box.height >= 44, "a button she can tap");
  await page.screenshot({ path: join(ARTIFACTS, "library-question-held-vi-phone.png") });
  await page.getByTestId("rq-consult").click();
  const message = page.locator("textarea[name=message]");
  await message.waitFor();
  check((await message.inputValue()) === urgent, "the consultation form holds her words");
  await context.close();
});

await test("library: a symptom check's result links to its condition's article, at the version she was shown", async () => {
  await publishLibrary();
  const context = await newContext({ viewport: PHONE });
  const { page } = await newMother(context, "vi");
  await symptomCheck(page, { side: "left", breast_feel: ["focal_tender_area"], symptom_hours: 3 });
  const link = page.getByTestId("result-article").locator("a");
  await link.waitFor();
  check((await link.getAttribute("href")) === "/library/tudu/vi/tac-tia-sua/versions/1", `pinned: ${await link.getAttribute("href")}`);
  await page.screenshot({ path: join(ARTIFACTS, "library-result-link-vi-phone.png"), fullPage: true });
  await link.click();
  await page.locator("h1").waitFor();
  check(page.url().endsWith("/library/tudu/vi/tac-tia-sua/versions/1"), page.url());
  await context.close();
});

await test("library: a midwife reads a waiting week card and approves it in her workspace; the admin publishes it", async () => {
  await publishLibrary();
  const laptop = { viewport: { width: 1280, height: 900 } };
  const c1 = await newContext(laptop);
  const ws = await newClinician(c1, `rev-${Date.now()}@tudu.test`);
  const item = ws.getByTestId("review-version").filter({ hasText: "pregnancy-week-22 · v1" });
  await item.locator("summary").click();
  await item.getByRole("heading", { name: "Week 22 of pregnancy" }).waitFor();
  await ws.screenshot({ path: join(ARTIFACTS, "library-review-laptop.png") });
  await item.getByTestId("review-approve").click();
  await item.waitFor({ state: "detached" });
  await c1.close();
  const c2 = await newContext(laptop);
  const admin = await signIn(c2, "admin@tudu.test", "an admin password 123", "Hospital settings");
  const ready = admin.getByTestId("review-version").filter({ hasText: "pregnancy-week-22 · v1" });
  await ready.locator("summary").click();
  await ready.getByTestId("review-publish").click();
  await ready.waitFor({ state: "detached" });
  await c2.close();
  const res = await fetch(`${server.base}/library/tudu/en/pregnancy-week-22`);
  check(res.status === 200, `published: ${res.status}`);
  check((await res.text()).includes("Midwife Hoa"), "the reviewer is named on the page");
});

await test("library in the app: a mother opens the library from home, searches 'tac tia sua' without accents and reads the article", async () => {
  await publishLibrary();
  const context = await newContext({ viewport: PHONE });
  const { page } = await newMother(context, "vi");
  await page.getByTestId("open-library").click();
  await page.getByRole("heading", { level: 1, name: "Thư viện sức khỏe" }).waitFor();
  await page.getByRole("button", { name: /Tắc tia sữa: là gì/ }).waitFor();  // listed by topic
  await page.getByTestId("library-search").fill("tac tia sua");
  const hit = page.getByTestId("library-hits").getByRole("button", { name: /Tắc tia sữa: là gì/ });
  await hit.waitFor();
  await page.screenshot({ path: join(ARTIFACTS, "library-app-search-vi-phone.png") });
  await hit.click();
  await page.getByRole("heading", { level: 1, name: /Tắc tia sữa: là gì/ }).waitFor();
  check(page.url().endsWith("/read/tac-tia-sua"), page.url());
  await context.close();
});

if (!only) console.log("     (library: 7 pages published in both languages for the tests)");
