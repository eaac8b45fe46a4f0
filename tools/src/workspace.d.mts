export interface ProviderPaths {
  name: string;
  specPath: string;
  specDir: string;
  generatedDir: string;
  packageDir: string;
}
export const repoRoot: string;
export const redoclyConfigPath: string;
export const redoclyBin: string;
export function providers(): ProviderPaths[];
export function provider(name: string): ProviderPaths;
