/** The part of addons-linter's Node API the zip test uses (the package ships no types). */
declare module 'addons-linter' {
  interface Finding {
    code: string;
    message: string;
    description?: string;
    file?: string;
  }
  interface Linter {
    run(): Promise<{ errors: Finding[]; warnings: Finding[]; notices: Finding[] }>;
  }
  const addonsLinter: {
    createInstance(options: { config: Record<string, unknown>; runAsBinary: boolean }): Linter;
  };
  export default addonsLinter;
}
