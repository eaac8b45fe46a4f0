// Code generation for one provider: the openapi-typescript types of its spec, the facts (codegen-facts.mjs) and the
// provider code (codegen-provider.mjs) from its model, and its README (readme.mjs), each with the do-not-edit notice.
// Every generated module but provider.ts is a leaf (it imports only openapi.ts and @opstatus/core), so hand-written
// provider code imports those and never provider.ts, which imports it.
import { relative } from "node:path";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { factsFiles } from "./codegen-facts.mjs";
import { providerModule, typesModule } from "./codegen-provider.mjs";
import { generatedNotice } from "./files.mjs";
import { providerReadme } from "./readme.mjs";
import { repoRoot } from "./workspace.mjs";

export { providerModule };

/**
 * Every generated file of one provider, keyed by absolute path.
 * @param {import("./workspace.mjs").Provider} p
 * @returns {Promise<Record<string, string>>}
 */
export async function providerFiles(p) {
  const source = relative(repoRoot, p.specPath);
  const types = astToString(await openapiTS(pathToFileURL(p.specPath), { alphabetize: false }));
  return {
    [`${p.generatedDir}/openapi.ts`]: `${generatedNotice(source)}\n/* eslint-disable */\n\n${types}`,
    ...Object.fromEntries(
      Object.entries({ ...factsFiles(p), "types.ts": typesModule(p) }).map(([file, text]) => [
        `${p.generatedDir}/${file}`,
        `${generatedNotice(source)}\n\n${text}`,
      ]),
    ),
    [`${p.generatedDir}/provider.ts`]: `${generatedNotice(`the x-opstatus manifest of ${source}`)}\n\n${providerModule(p)}`,
    [`${p.packageDir}/README.md`]: providerReadme(p),
  };
}
