export const NODE_MAJORS: number[];
export interface RuntimePackage {
  name: string;
  bin: string;
  /** Top-level entries of the package that the matrix does not need, removed after unpacking. */
  prune?: string[];
}
export function cacheDir(): string;
export function platformPackages(
  platform?: string,
  arch?: string,
  hasAvx2?: boolean,
): { node: RuntimePackage; bun: RuntimePackage; deno: RuntimePackage };
export function compareVersions(a: string, b: string): number;
export function newestPerMajor(versions: string[], majors: number[]): Record<number, string>;
export function resolveVersions(options?: { refresh?: boolean }): Promise<any>;
export function ensureRuntime(
  runtime: RuntimePackage & { version: string },
): Promise<{ binary: string; downloaded: boolean }>;
export function removeStaleVersions(inUse: (RuntimePackage & { version: string })[]): string[];
