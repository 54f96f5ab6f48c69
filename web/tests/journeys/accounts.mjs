// Accounts as people expect (issue 13), in Vietnamese on a 390 px phone: she adds her phone number
// with a code, signs in with a code instead of her password, gets a new password by SMS when she
// forgets it, downloads her data and erases her account. Text messages are read from the server's
// SMS spool (TIA_SMS_SPOOL_DIR), as a phone would receive them.
import { readdirSync } from "node:fs";
import {
  ARTIFACTS, check, englishOn, ENGLISH_ONLY, join, measureLayout, newContext, newMother, readFileSync, server, sleep, test,
} from "../harness.mjs";

// The newest text message to `e164`, after `seen` earlier ones.
async function nextText(e164, seen) {
  for (let i = 0; i < 200; i++) {
    let texts = [];
    try {
      texts = readdirSync(server.smsDir).filter((f) => f.endsWith(".sms")).sort()
        .map((f) => readFileSync(join(server.smsDir, f), "utf8"))
        .filter((m) => m.startsWith(`To: ${e164}\n`));
    } catch { /* no message yet: no directory yet */ }
    if (texts.length > seen) return texts[texts.length - 1].split("\n\n")[1];
    await sleep(50);
  }
  throw new Error(`no text message to ${e164}`);
}
const codeOf = (text) => text.match(/\b(\d{6})\b/)[1];

// Nothing on the screen runs off the side, and every control can be tapped (44 x 44 at least).
// ...and, in Vietnamese, shows none of the app's English sentences.
async function fitsThePhone(page, what) {
  const { overflow, small } = await page.evaluate(measureLayout);
  check(overflow.length === 0 && small.length === 0, `${what}: ${[...overflow, ...small].join("; ")}`);
  const english = await englishOn(page);
  check(english.length === 0, `${what} shows English: ${english.join(" | ")}`);
}

await test("accounts in Vietnamese: a phone added with a code, sign-in with a code, a forgotten password by SMS, her data downloaded, her account erased", async () => {
  const context = await newContext({ viewport: { width: 390, height: 844 } });
  const { page, violations } = await newMother(context, "vi");
  const email = await page.evaluate(async () => (await (await fetch("/api/v1/auth/me")).json()).email);
  const phone = "+84912345678";
  check(ENGLISH_ONLY.length > 300 && ENGLISH_ONLY.includes("Sign in with your phone number"), `the English sentences: ${ENGLISH_ONLY.length}`);
  let texts = 0;

  // Settings: her number, confirmed with the code sent to it.
  await page.getByRole("button", { name: "Cài đặt" }).click();
  const section = page.locator("section", { has: page.getByRole("heading", { name: "Đăng nhập bằng số điện thoại" }) });
  await section.getByLabel("Số điện thoại").fill("0912 345 678");
  await section.getByLabel("Mật khẩu của bạn").fill("a long mother password");
  await section.getByRole("button", { name: "Gửi mã" }).click();
  await section.getByText("Mã 6 chữ số đang được gửi tới 0912 345 678").waitFor();
  let text = await nextText(phone, texts++);
  check(text.startsWith("Mã xác nhận số điện thoại này cho Tia: "), `the code's message is Vietnamese: ${text}`);
  await section.getByLabel("Mã 6 chữ số").fill(codeOf(text));
  await section.getByRole("button", { name: "Xác nhận số điện thoại" }).click();
  await section.getByTestId("signin-phone").filter({ hasText: "0912 345 678" }).waitFor();
  await page.screenshot({ path: join(ARTIFACTS, "accounts-phone-added.png"), fullPage: true });
  await fitsThePhone(page, "settings with her phone");

  // Signed out, she signs in with her number and the code sent to it.
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await page.getByRole("button", { name: "Tôi đã có tài khoản" }).click();
  await page.getByRole("button", { name: "Nhận mã qua điện thoại" }).click();
  await page.getByLabel("Số điện thoại").fill("0912345678");
  await page.getByRole("button", { name: "Gửi mã" }).click();
  await page.getByTestId("code-sent").waitFor();
  check(await page.getByRole("button", { name: /Gửi lại sau \d+ giây/ }).isDisabled(), "another code waits a minute");
  check(await page.getByLabel("Mã 6 chữ số").inputValue() === "", "the code field starts empty (not the number typed before)");
  await page.screenshot({ path: join(ARTIFACTS, "accounts-code-sign-in.png"), fullPage: true });
  await fitsThePhone(page, "sign-in with a code");
  text = await nextText(phone, texts++);
  check(text.startsWith("Mã đăng nhập Tia của bạn: "), `a sign-in code: ${text}`);
  // A wrong code first: refused in Vietnamese, naming the field.
  const wrong = String((Number(codeOf(text)) + 1) % 1000000).padStart(6, "0");
  await page.getByLabel("Mã 6 chữ số").fill(wrong);
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  const refusal = await page.getByRole("alert").textContent();
  check(refusal.includes("Mã 6 chữ số: mã không đúng hoặc đã hết hạn"), `a wrong code, in Vietnamese: ${refusal}`);
  await page.getByLabel("Mã 6 chữ số").fill(codeOf(text));
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  await page.getByRole("button", { name: "Bắt đầu cho bú" }).waitFor();

  // Forgotten password: a code by SMS, a new password, signed in.
  await page.getByRole("button", { name: "Cài đặt" }).click();
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await page.getByRole("button", { name: "Tôi đã có tài khoản" }).click();
  await page.getByRole("button", { name: "Quên mật khẩu?" }).click();
  await page.getByLabel("Thư điện tử hoặc số điện thoại").fill("0912 345 678");
  await page.getByRole("button", { name: "Gửi mã" }).click();
  await page.getByTestId("code-sent").waitFor();
  text = await nextText(phone, texts++);
  check(text.startsWith("Mã đặt lại mật khẩu Tia: "), `a reset code: ${text}`);
  await page.getByLabel("Mã 6 chữ số").fill(codeOf(text));
  await page.getByLabel("Mật khẩu mới").fill("a new mother password");
  await page.screenshot({ path: join(ARTIFACTS, "accounts-reset.png"), fullPage: true });
  await fitsThePhone(page, "forgotten password");
  await page.getByRole("button", { name: "Đặt mật khẩu và đăng nhập" }).click();
  await page.getByRole("button", { name: "Bắt đầu cho bú" }).waitFor();

  // Her data: a copy downloaded after she confirms her password.
  await page.getByRole("button", { name: "Cài đặt" }).click();
  await page.getByRole("button", { name: "Tải dữ liệu của tôi" }).click();
  await page.getByTestId("confirm-export").getByLabel("Xác nhận bằng mật khẩu").fill("a new mother password");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("confirm-export").getByRole("button", { name: "Tải dữ liệu của tôi" }).click(),
  ]);
  check(/^tia-\d{4}-\d{2}-\d{2}\.json$/.test(download.suggestedFilename()), `file name: ${download.suggestedFilename()}`);
  const exported = JSON.parse(readFileSync(await download.path(), "utf8"));
  check(JSON.stringify(exported).includes(email), "the export is hers");
  // ...or one kind of record as a table for a spreadsheet.
  await page.getByRole("button", { name: "Tải dữ liệu của tôi" }).click();
  await page.getByTestId("confirm-export").getByLabel("Tải gì").selectOption("feeds");
  await page.getByTestId("confirm-export").getByLabel("Xác nhận bằng mật khẩu").fill("a new mother password");
  const [table] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("confirm-export").getByRole("button", { name: "Tải dữ liệu của tôi" }).click(),
  ]);
  check(/^tia-feeds-\d{4}-\d{2}-\d{2}\.csv$/.test(table.suggestedFilename()), `file name: ${table.suggestedFilename()}`);
  const csv = readFileSync(await table.path(), "utf8");
  check(csv.startsWith("\ufeffid,occurred_at,infant_id,left_minutes,right_minutes"), `the feeds table: ${csv.slice(0, 80)}`);
  await page.getByText("Đã tải: bảng CSV").waitFor();

  // Erasing: a warning, her password, a box she ticks; then nothing of hers is left.
  await page.getByRole("button", { name: "Xoá tài khoản của tôi" }).click();
  const erase = page.getByTestId("confirm-erase");
  await erase.getByText("Không thể khôi phục").waitFor();
  await erase.getByLabel("Xác nhận bằng mật khẩu").fill("a new mother password");
  await erase.getByLabel("Tôi hiểu việc này không thể hoàn tác").check();
  await page.screenshot({ path: join(ARTIFACTS, "accounts-erase.png"), fullPage: true });
  await fitsThePhone(page, "erasing her account");
  await erase.getByRole("button", { name: "Xoá tài khoản của tôi" }).click();
  await page.getByTestId("erased").waitFor();
  check(await page.evaluate(() => localStorage.getItem("tia.user")) === null, "nothing of hers stays on the phone");
  await page.getByRole("button", { name: "Tôi đã có tài khoản" }).click();
  await page.getByLabel("Thư điện tử").fill(email);
  await page.locator("input[name=password]").fill("a new mother password");
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
  const gone = await page.getByRole("alert").textContent();
  check(gone.includes("e-mail hoặc mật khẩu không đúng"), `her account is gone: ${gone}`);
  check(violations.length === 0, `CSP: ${violations.join("; ")}`);
  await context.close();
});
