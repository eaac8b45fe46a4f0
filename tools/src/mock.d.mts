export interface MockServer {
  url: string;
  readonly output: string;
  close(): Promise<void>;
}
export function freePort(): Promise<number>;
export function startMock(name: string, options?: { port?: number; proxy?: string; host?: string; log?: boolean }): Promise<MockServer>;
