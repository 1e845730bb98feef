// axe-core on every main page (e2e/quality/pages.ts), as the persona whose page it is: no serious or critical
// violation of the rules axe runs by default (WCAG 2.x A and AA, best practices). One sign-in per persona.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { expect, signIn, test } from "../support";
import { describePage, MAIN_PAGES, openMainPage } from "./pages";

const personas = [...new Set(MAIN_PAGES.map((p) => p.as))];

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

for (const persona of personas) {
  test.describe(`axe as ${persona}`, () => {
    let page: Page;
    test.beforeAll(async ({ browser }) => {
      page = await signedInPage(browser, persona);
    });
    test.afterAll(async () => {
      await page.context().close();
    });

    for (const target of MAIN_PAGES.filter((p) => p.as === persona)) {
      test(describePage(target), async () => {
        const path = await openMainPage(page, target);
        const { violations } = await new AxeBuilder({ page }).analyze();
        const serious = violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes): ${v.help}; first at ${v.nodes[0].target.join(" ")}`);
        expect(serious, `serious or critical axe violations on ${path}`).toEqual([]);
      });
    }
  });
}
