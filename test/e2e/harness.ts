/**
 * Real-editor test harness: VS Code's workbench served by code-server (a real Node extension host), driven by
 * Playwright in Debian's Chromium. Tools come from scripts/e2e-setup.sh (.e2e/ and apt); see E2E notes in
 * the README. When they are missing the tests skip with a loud message, except under CI=true, where they fail.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '../..');
export const E2E_DIR = join(ROOT, '.e2e');
export const CODE_SERVER = join(E2E_DIR, 'node_modules/code-server/out/node/entry.js');
export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'test-artifacts');
export const FIXTURES = join(__dirname, 'fixtures');

// ---- minimal Playwright types (playwright-core lives in .e2e/, not in the project's dependencies) ----------
export interface Locator {
  count(): Promise<number>;
  first(): Locator;
  nth(i: number): Locator;
  filter(o: { hasText?: string | RegExp }): Locator;
  locator(s: string): Locator;
  click(o?: { timeout?: number; button?: 'left' | 'right' }): Promise<void>;
  innerText(o?: { timeout?: number }): Promise<string>;
  allInnerTexts(): Promise<string[]>;
  getAttribute(name: string): Promise<string | null>;
  evaluateAll<R, A>(fn: string | ((els: any[], arg: A) => R), arg: A): Promise<R>;
  waitFor(o?: { state?: 'attached' | 'visible' | 'hidden' | 'detached'; timeout?: number }): Promise<void>;
  hover(o?: { timeout?: number }): Promise<void>;
}
export interface Page {
  goto(url: string, o?: { timeout?: number }): Promise<unknown>;
  locator(s: string): Locator;
  keyboard: { press(k: string): Promise<void>; type(t: string, o?: { delay?: number }): Promise<void>; insertText(t: string): Promise<void> };
  mouse: { click(x: number, y: number): Promise<void> };
  screenshot(o: { path: string; fullPage?: boolean }): Promise<unknown>;
  waitForTimeout(ms: number): Promise<void>;
  exposeFunction(name: string, fn: (...args: any[]) => unknown): Promise<void>;
  on(event: 'console' | 'pageerror', fn: (arg: any) => void): void;
  evaluate<T>(fn: () => T): Promise<T>;
}
export interface BrowserContext {
  newPage(): Promise<Page>;
  pages(): Page[];
  close(): Promise<void>;
}

/** Why the real-editor tests cannot run here, or undefined when they can. */
export function missingTools(): string | undefined {
  if (process.platform !== 'linux') return 'the editor tests run on Linux only';
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is not installed (run scripts/e2e-setup.sh as root)`;
  if (!existsSync(CODE_SERVER)) return 'code-server is not installed in .e2e/ (run scripts/e2e-setup.sh)';
  if (!existsSync(join(E2E_DIR, 'node_modules/playwright-core'))) return 'playwright-core is not installed in .e2e/';
  if (!existsSync(join(ROOT, 'dist/server.js')) || !existsSync(join(ROOT, 'dist/client.js'))) return 'dist/ is not built (npm run build)';
  return undefined;
}

/**
 * Skips the test (loudly) when the tools are missing; under CI=true a missing tool is a failure.
 * Returns true when the test should go on.
 */
export function requireTools(t: { skip(msg?: string): void }): boolean {
  const missing = missingTools();
  if (!missing) return true;
  if (process.env.CI === 'true') throw new Error(`editor tests cannot run on CI: ${missing}`);
  console.error(`\n!!!!! EDITOR TESTS SKIPPED: ${missing} !!!!!\n`);
  t.skip(missing);
  return false;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000, stepMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last}` : ''}`);
    await sleep(stepMs);
  }
}

/** A temporary copy of a fixture workspace. */
export function copyWorkspace(name: string, into: string): string {
  const ws = join(into, name);
  cpSync(join(FIXTURES, name), ws, { recursive: true });
  return ws;
}

export interface CodeServer {
  url: string;
  port: number;
  dir: string;
  log(): string;
  stop(): Promise<void>;
}

export const USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'chat.commandCenter.enabled': false,
  'workbench.colorTheme': 'Default Light Modern',
  'editor.minimap.enabled': false,
  'window.commandCenter': false,
  'files.autoSave': 'off',
  'editor.fontFamily': "'WenQuanYi Micro Hei Mono', 'WenQuanYi Micro Hei', monospace",
  'editor.hover.delay': 100,
};

/** Starts code-server on a free port with a fresh profile; installs `vsix` first when given. */
export async function startCodeServer(o: {
  workspace: string;
  vsix?: string;
  settings?: Record<string, unknown>;
  locale?: string;
  /** Called with the extensions folder after the VSIX is installed, before code-server starts. */
  prepare?: (extensionsDir: string) => void;
}): Promise<CodeServer> {
  const dir = mkdtempSync(join(tmpdir(), 'report-lint-cs-'));
  const port = await freePort();
  const config = join(dir, 'config.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  mkdirSync(join(dir, 'ud/User'), { recursive: true });
  writeFileSync(join(dir, 'ud/User/settings.json'), JSON.stringify({ ...USER_SETTINGS, ...o.settings }, null, 2));
  if (o.locale) writeFileSync(join(dir, 'ud/User/argv.json'), JSON.stringify({ locale: o.locale }));
  const base = ['--config', config, '--user-data-dir', join(dir, 'ud'), '--extensions-dir', join(dir, 'ext')];
  const env = { ...process.env, EXTENSIONS_GALLERY: '{"serviceUrl":""}' };
  if (o.vsix) execFileSync(process.execPath, [CODE_SERVER, ...base, '--install-extension', o.vsix], { env, stdio: 'pipe' });
  o.prepare?.(join(dir, 'ext'));
  const logFile = join(dir, 'code-server.log');
  const fd = openSync(logFile, 'a');
  const args = [
    CODE_SERVER, ...base, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened',
    ...(o.locale ? ['--locale', o.locale] : []), o.workspace,
  ];
  const child: ChildProcess = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', fd, fd] });
  const url = `http://127.0.0.1:${port}`;
  const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    await waitFor('code-server /healthz', async () => {
      if (exited) throw new Error(`code-server exited:\n${log()}`);
      const r = await fetch(`${url}/healthz`).catch(() => undefined);
      return r?.ok;
    }, 30_000, 100);
  } catch (e) {
    stopGroup(child);
    throw e;
  }
  return {
    url,
    port,
    dir,
    log,
    stop: async () => {
      stopGroup(child);
      await waitFor('code-server to exit', () => exited, 10_000).catch(() => {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Ends code-server and its children (its own process group, started detached by us). */
function stopGroup(child: ChildProcess): void {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
}

/** Debian's Chromium through playwright-core from .e2e/. */
export async function launchBrowser(profileDir: string): Promise<BrowserContext> {
  const req = createRequire(join(E2E_DIR, 'package.json'));
  const { chromium } = req('playwright-core');
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    viewport: { width: 1440, height: 900 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--lang=zh-CN',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Runs a command from the palette (F1) by its label, e.g. 'View: Focus Problems'. */
export async function runCommand(page: Page, label: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.insertText(`>${label}`);
  const rows = page.locator('.quick-input-widget .monaco-list-row');
  const focused = page.locator('.quick-input-widget .monaco-list-row.focused');
  try {
    await waitFor(`"${label}" in the command palette`, async () => (await focused.count()) && (await focused.first().innerText()).includes(label), 10_000);
  } catch (e) {
    const seen = await rows.allInnerTexts().catch(() => []);
    await page.keyboard.press('Escape');
    throw new Error(`${(e as Error).message}; the palette shows: ${JSON.stringify(seen)}`);
  }
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
}

/** Picks the entry of an open menu (quick fixes, context menu) containing `text`, with the keyboard. */
export async function pickMenuItem(page: Page, text: string): Promise<void> {
  const focused = page.locator('.action-widget .monaco-list-row.focused');
  for (let i = 0; i < 20; i++) {
    if ((await focused.count()) && (await focused.first().innerText()).includes(text)) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no menu entry with ${text}`);
}
