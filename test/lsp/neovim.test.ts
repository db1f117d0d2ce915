import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { allRules } from '../../server/src/rules';
import { SERVER } from './helpers/client';

// Neovim (Debian's 0.7) as an independent LSP client: it starts report-lint-server over stdio on a Chinese
// document and maps the UTF-16 positions it receives to byte columns. Skipped only outside CI without nvim.

const hasNvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
const skip = !hasNvim && !process.env.CI ? 'nvim is not installed (apt-get install -y neovim)' : false;

const CLIENT_LUA = String.raw`
vim.cmd('filetype on')
local out = assert(io.open(os.getenv('RL_OUT'), 'w'))
local ids = vim.split(os.getenv('RL_OFF'), ',', { trimempty = true })
local rules = {}
for _, id in ipairs(ids) do rules[id] = 'off' end
local client_id = vim.lsp.start_client({
  name = 'report-lint',
  cmd = { os.getenv('RL_NODE'), os.getenv('RL_SERVER'), '--stdio' },
  root_dir = os.getenv('RL_ROOT'),
  settings = { reportLint = { rules = rules, debounceMs = 0 } },
})
vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('RL_FILE')))
vim.lsp.buf_attach_client(0, client_id)
local ok = vim.wait(20000, function() return #vim.diagnostic.get(0) >= 2 end, 50)
out:write('filetype ' .. vim.bo.filetype .. '\n')
for _, d in ipairs(vim.diagnostic.get(0)) do
  out:write(string.format('%d:%d-%d:%d %s %s %s\n', d.lnum, d.col, d.end_lnum, d.end_col, d.source or '', tostring(d.code), d.message))
end
out:close()
if ok then vim.cmd('qall!') else vim.cmd('cquit 1') end
`;

test('Neovim 0.7 gets the diagnostics at the right places in a Chinese document', { skip, timeout: 60_000 }, () => {
  assert.ok(hasNvim, 'CI is set but nvim is missing: .ci/run installs it with apt-get');
  assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run npm run build`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-nvim-'));
  try {
    const file = path.join(dir, '工作总结.txt');
    fs.writeFileSync(file, '一、总体情况\n截至xx月底，𠮷村新开工项目x个。\n');
    fs.writeFileSync(path.join(dir, 'client.lua'), CLIENT_LUA);
    const xdg = (name: string) => path.join(dir, 'xdg', name);
    const outFile = path.join(dir, 'out.txt');
    const r = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(dir, 'client.lua')}`], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 50_000,
      env: {
        ...process.env,
        XDG_CONFIG_HOME: xdg('config'),
        XDG_DATA_HOME: xdg('data'),
        XDG_STATE_HOME: xdg('state'),
        XDG_CACHE_HOME: xdg('cache'),
        RL_OUT: outFile,
        RL_NODE: process.execPath,
        RL_SERVER: SERVER,
        RL_ROOT: dir,
        RL_FILE: file,
        RL_OFF: allRules.map((x) => x.meta.id).filter((id) => id !== 'placeholder').join(','),
      },
    });
    const out = fs.existsSync(outFile) ? fs.readFileSync(outFile, 'utf8') : '';
    const lspLog = [xdg('cache'), xdg('state')].map((d) => path.join(d, 'nvim', 'lsp.log')).find((f) => fs.existsSync(f));
    const context = `nvim exit ${r.status} ${r.signal ?? ''}\nstdout: ${r.stdout}\nstderr: ${r.stderr}\nout:\n${out}\nlsp.log:\n${lspLog ? fs.readFileSync(lspLog, 'utf8').slice(-3000) : '(none)'}`;
    assert.equal(r.status, 0, context);
    const lines = out.trim().split('\n');
    assert.equal(lines[0], 'filetype text', context);
    // Byte columns: 截至 is 6 bytes; 截至xx月底，𠮷村新开工项目 is 39 bytes (𠮷: 4 bytes, 2 UTF-16 units).
    assert.deepEqual(
      lines.slice(1).map((l) => l.split(' ').slice(0, 3).join(' ')),
      ['1:6-1:8 report-lint placeholder', '1:39-1:40 report-lint placeholder'],
      context,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
