/** The part of markdown-it's API the site uses (the package ships no types; @types/markdown-it is not needed for this). */
declare module 'markdown-it' {
  interface Token {
    tag: string;
  }
  type Rule = (tokens: Token[], idx: number, options: unknown, env: unknown, self: { renderToken(tokens: Token[], idx: number, options: unknown): string }) => string;
  export default class MarkdownIt {
    constructor(options?: { html?: boolean; linkify?: boolean; typographer?: boolean });
    renderer: { rules: Record<string, Rule | undefined> };
    render(source: string): string;
  }
}
