/** Types of src/csp.mjs (the site's Content Security Policy). */
export declare const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>>;
export declare function formatCsp(directives?: Readonly<Record<string, readonly string[]>>): string;
export declare function parseCsp(policy: string): Record<string, string[]>;
