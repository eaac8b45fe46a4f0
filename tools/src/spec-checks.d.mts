export function deref(doc: any, node: any): any;
export function findSchema(doc: any, vendorName: string): any;
export function checkFidelity(doc: any, inventory: any): string[];
export function collectExamples(doc: any): { where: string; schema: any; value: unknown }[];
export function validateExamples(doc: any): { count: number; problems: string[] };
