/**
 * The client's messages are Chinese, like the diagnostics (the users' language, whatever the editor's display
 * language). `format('已检查 {0} 个文件', 3)` fills the numbered slots.
 */
export function format(template: string, ...args: unknown[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}
