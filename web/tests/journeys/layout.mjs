// Every screen on a 390 x 844 phone, in light, dark and nursery mode: nothing runs off the screen
// sideways, and every control is at least 44 x 44 px (WCAG 2.5.5; a radio or checkbox counts with
// its label, a link inside a sentence is exempt as WCAG 2.5.8 allows). Measured, not guessed.
import { ARTIFACTS, check, join, measureLayout as measure, newContext, newMother, server, test } from "../harness.mjs";

const SCREENS = ["/", "/feed", "/pump", "/nappy", "/care", "/checkin", "/check", "/history", "/log", "/baby", "/summary", "/settings",
  "/booking", "/appointments", "/consult"];
const MODES = { light: { theme: "light", nursery: false }, dark: { theme: "dark", nursery: false }, nursery: { theme: "dark", nursery: true } };

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
