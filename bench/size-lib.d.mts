export interface SizeResult {
  name: string;
  group: string;
  provider?: string;
  source: string;
  code: string;
  minified: number;
  gzip: number;
}
export const usage: Record<string, { create: string; auth: string; call: string; wait: string }>;
export const budgets: { client: number; "client+waiter": number; umbrellaTolerance: number };
export function measureFromPackedPackages(): Promise<SizeResult[]>;
