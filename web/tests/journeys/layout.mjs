// Every screen on a 390 x 844 phone, in light, dark and nursery mode: nothing runs off the screen
// sideways, and every control is at least 44 x 44 px (WCAG 2.5.5; a radio or checkbox counts with
// its label, a link inside a sentence is exempt as WCAG 2.5.8 allows). Measured, not guessed.
import { ARTIFACTS, check, join, newContext, newMother, server, test } from "../harness.mjs";

const SCREENS = ["/", "/feed", "/pump", "/nappy", "/checkin", "/check", "/history", "/summary", "/settings",
  "/booking", "/appointments", "/consult"];
const MODES = { light: { theme: "light", nursery: false }, dark: { theme: "dark", nursery: false }, nursery: { theme: "dark", nursery: true } };

// What is wrong on the page as it is: elements past the right edge, controls too small to tap.
function measure() {
  const vw = document.documentElement.clientWidth;
  const scrolls = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === "auto" || o === "scroll" || o === "hidden") return true;
    }
    return false;
  };
  const name = (el) => `${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).split(" ").join(".") : ""}` +
    ` "${(el.getAttribute("aria-label") || el.textContent || el.getAttribute("name") || "").trim().slice(0, 30)}"`;
  const overflow = [];
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if ((r.right > vw + 1 || r.left < -1) && !scrolls(el)) overflow.push(`${name(el)} ${Math.round(r.left)}..${Math.round(r.right)}`);
  }
  const small = [];
  const inSentence = (a) => a.tagName === "A" && [...a.parentElement.childNodes].some((n) => n !== a && n.nodeType === 3 && n.textContent.trim());
  for (const el of document.querySelectorAll("button, a[href], input, select, textarea, summary")) {
    if (el.type === "hidden" || inSentence(el) || el.closest(".cites")) continue;
    const target = (el.type === "radio" || el.type === "checkbox") ? (el.closest("label") ?? el) : el;
    const r = target.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue;  // not shown (or visually hidden for screen readers)
    if (r.width < 43.5 || r.height < 43.5) small.push(`${name(target)} ${Math.round(r.width)}x${Math.round(r.height)}`);
  }
  return { overflow, small, scrollWidth: document.documentElement.scrollWidth, vw };
}

await test("layout: on a 390 px phone no screen runs off the side and every control is at least 44 x 44, light, dark and nursery", async () => {
  const context = await newContext({ viewport: { width: 390, height: 844 } });
  const { page } = await newMother(context, "vi");
  const problems = [];
  for (const [mode, prefs] of Object.entries(MODES)) {
    await page.evaluate((p) => localStorage.setItem("tia.prefs", JSON.stringify({ volume: "ml", temp: "c", ...p })), prefs);
    for (const path of SCREENS) {
      await page.goto(server.base + path);
      await page.locator("main.screen").first().waitFor();
      await page.waitForTimeout(500);  // its data (an event stream keeps the network busy, so not "networkidle")
      const m = await page.evaluate(measure);
      if (m.scrollWidth > m.vw) problems.push(`${mode} ${path}: the page is ${m.scrollWidth} px wide`);
      for (const o of m.overflow) problems.push(`${mode} ${path}: off the side: ${o}`);
      for (const s of m.small) problems.push(`${mode} ${path}: under 44 px: ${s}`);
      if (mode === "light") await page.screenshot({ path: join(ARTIFACTS, `layout${path === "/" ? "-home" : path.replace(/\//g, "-")}.png`), fullPage: true });
    }
  }
  check(problems.length === 0, `${problems.length} layout problems:\n     ${[...new Set(problems)].slice(0, 60).join("\n     ")}`);
  await context.close();
});
