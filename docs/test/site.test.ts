// Opens the built docs site from disk in headless Chromium (Debian's package, driven by playwright-core) and checks
// that what a reader needs is on screen. Any console error or failed request fails the test.
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { chromiumArgs, findChromium } from "@opstatus/tools/test-kit/chromium";
import { deref } from "@opstatus/tools/spec-checks";
import { providers } from "@opstatus/tools/workspace";

const here = dirname(fileURLToPath(import.meta.url));
const site = join(here, "../site");
const artifacts = join(here, "../test-artifacts");
function chromiumOrFail(): string {
  const { path, missing } = findChromium();
  if (path) return path;
  throw new Error(`${missing}. The docs browser test does not skip.`);
}

async function open(browser: Browser, file: string) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) =>
    problems.push(`failed request: ${request.url()} (${request.failure()?.errorText})`),
  );
  page.on("request", (request) => {
    if (!/^(file|data|blob):/.test(request.url())) problems.push(`network request: ${request.url()}`);
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  return { page, problems };
}

async function screenshot(page: Page, name: string) {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: false });
}

describe("docs site in headless Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: chromiumOrFail(),
      args: [...chromiumArgs, "--disable-quic"],
    });
  }, 60_000);
  afterAll(() => browser?.close());

  it("index lists every provider with product, version, package, install command and links", async () => {
    const { page, problems } = await open(browser, join(site, "index.html"));
    await expect(page.locator("h1").textContent()).resolves.toBe("opstatus API docs");
    for (const p of providers()) {
      const doc = parse(readFileSync(p.specPath, "utf8"));
      const pkg = JSON.parse(readFileSync(join(p.packageDir, "package.json"), "utf8"));
      const card = page.locator(`#${p.name}`);
      const text = (await card.innerText()).replace(/\s+/g, " ");
      expect(text).toContain(doc.info["x-opstatus"].product);
      expect(text).toContain(`spec version ${doc.info.version}`);
      expect(text).toContain(`npm install ${pkg.name}`);
      expect(await card.locator(`a[href="${p.name}/index.html"]`).count()).toBeGreaterThan(0);
      expect(await card.locator(`a[href="${doc.externalDocs.url}"]`).count()).toBe(1);
      for (const file of ["openapi.yaml", "openapi.json"]) {
        expect(await card.locator(`a[href="${p.name}/${file}"]`).count()).toBe(1);
        expect(statSync(join(site, p.name, file)).size).toBeGreaterThan(1000);
      }
    }
    await screenshot(page, "index");
    expect(problems).toEqual([]);
    await page.close();
  });

  for (const p of providers()) {
    it(`${p.name} page renders operation, path, responses, auth, schemas and enums`, async () => {
      const doc = parse(readFileSync(p.specPath, "utf8"));
      const { page, problems } = await open(browser, join(site, p.name, "index.html"));
      // Redoc shows one section at a time (hash routes): read the overview, every operation and the schemas.
      // waits until the section's own heading is on screen (the sidebar already shows every name)
      const read = async (route: string, heading: string) => {
        await page.evaluate((hash) => (location.hash = hash), route);
        await page.waitForFunction(
          (title) =>
            [...document.querySelectorAll("h1, h2, h3")].some((h) => {
              const text = h.textContent?.trim() ?? "";
              return text === title || text.startsWith(`${title} (`);
            }),
          heading,
          { timeout: 20_000 },
        );
        return (await page.locator("body").innerText()).replace(/\s+/g, " ");
      };
      let text = await read("/", doc.info.title);
      await screenshot(page, p.name);
      const slug = (value: string) =>
        value
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^-|-$/g, "");
      for (const item of Object.values<any>(doc.paths))
        for (const op of Object.values<any>(item).filter((o) => o?.operationId)) {
          text += ` ${await read(`/${slug(op.tags[0])}/${op.operationId.toLowerCase()}`, op.summary)}`;
          await screenshot(page, `${p.name}-${op.operationId}`);
        }
      // each schema has its own page under "Schemas", named by the vendor's schema name
      await read("/schemas", "Schemas");
      const schemaCount = Object.keys(doc.components.schemas).length;
      const listed = () =>
        new Map(
          [...document.querySelectorAll("a[href^='#/schemas/']")]
            .map((a) => [a.getAttribute("href")!.slice(1), (a as HTMLElement).innerText.trim()] as const)
            .filter(([, title]) => title),
        );
      await page.waitForFunction(`(${listed.toString()})().size >= ${schemaCount}`, undefined, { timeout: 20_000 });
      const schemaRoutes = [
        ...((await page.evaluate(`[...(${listed.toString()})().entries()]`)) as [string, string][]),
      ];
      expect(schemaRoutes.length).toBe(schemaCount);
      for (const [route, title] of schemaRoutes) text += ` ${await read(route, title)}`;
      const wanted: string[] = [];
      for (const [path, item] of Object.entries<any>(doc.paths)) {
        for (const op of Object.values<any>(item).filter((o) => o?.operationId)) {
          // the operation's response tabs, every documented code in the spec's order ("default" included)
          wanted.push(op.summary, path, `Responses ${Object.keys(op.responses).join(" ")}`);
          for (const requirement of op.security) wanted.push(...Object.keys(requirement));
        }
      }
      for (const [key, schema] of Object.entries<any>(doc.components.schemas)) {
        wanted.push(schema.title ?? key);
        const values = [...(schema.enum ?? []), ...(schema.anyOf ?? []).flatMap((s: any) => deref(doc, s).enum ?? [])];
        wanted.push(...values.map(String));
      }
      expect(wanted.filter((item) => !text.includes(item))).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    }, 60_000);
  }
});
