export const ABORT_LIMIT_MS: number;
/** The problems of one smoke run; empty when it passed. */
export function judge(row: { kind: string; label: string; entry: string }, result: any, server: any): string[];
