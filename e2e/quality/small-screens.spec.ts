// On a 390 px phone no main page (e2e/quality/pages.ts) scrolls sideways: wide tables scroll inside their own box,
// rows wrap, long identifiers break between their groups. One sign-in per persona.
import type { Browser, Page } from "@playwright/test";
import { expect, signIn, test } from "../support";
import { describePage, MAIN_PAGES, openMainPage } from "./pages";

const PHONE = { width: 390, height: 844 };
const personas = [...new Set(MAIN_PAGES.map((p) => p.as))];

async function signedInPhone(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: PHONE })).newPage();
  await signIn(page, email);
  return page;
}

for (const persona of personas) {
  test.describe(`390 px as ${persona}`, () => {
    let page: Page;
    test.beforeAll(async ({ browser }) => {
      page = await signedInPhone(browser, persona);
    });
    test.afterAll(async () => {
      await page.context().close();
    });

    for (const target of MAIN_PAGES.filter((p) => p.as === persona)) {
      test(describePage(target), async () => {
        const path = await openMainPage(page, target);
        const { scrollWidth, innerWidth, widest } = await page.evaluate(() => {
          // The outermost elements past the right edge, to name the culprit when the page is too wide.
          const edge = window.innerWidth;
          const past = [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > edge + 1);
          const outermost = past.filter((e) => !past.includes(e.parentElement as Element));
          return {
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: edge,
            widest: outermost.slice(0, 3).map((e) => `<${e.tagName.toLowerCase()} class="${e.getAttribute("class") ?? ""}">`),
          };
        });
        expect(scrollWidth, `${path} is ${scrollWidth} px wide at ${innerWidth} px (${widest.join(", ")})`).toBeLessThanOrEqual(innerWidth);
      });
    }
  });
}
