import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, normaliseSettings } from '../../server/src/lsp/settings';

test('settings: missing or null gives the defaults', () => {
  for (const raw of [undefined, null, 42, 'x', []]) assert.deepEqual(normaliseSettings(raw), { ...DEFAULT_SETTINGS });
  assert.deepEqual(DEFAULT_SETTINGS.languages, ['plaintext', 'markdown', 'report', 'text']);
  assert.equal(DEFAULT_SETTINGS.debounceMs, 300);
});

test('settings: values of the wrong type fall back to their default, one by one', () => {
  const s = normaliseSettings({
    enable: 'yes',
    rules: ['placeholder'],
    dictionary: ['华阳新天地', 3, ' ', '滨江新城'],
    debounceMs: -5,
    languages: ['markdown', null],
    final: 1,
    logLevel: 'loud',
  });
  assert.deepEqual(s, { ...DEFAULT_SETTINGS, dictionary: ['华阳新天地', '滨江新城'], languages: ['markdown'] });
});

test('settings: valid values are taken; debounce 0 allowed and capped at a minute; verbose tracing means debug', () => {
  const s = normaliseSettings({ enable: false, rules: { unit: 'off' }, debounceMs: 0, final: true, logLevel: 'error' });
  assert.equal(s.enable, false);
  assert.deepEqual(s.rules, { unit: 'off' });
  assert.equal(s.debounceMs, 0);
  assert.equal(s.final, true);
  assert.equal(s.logLevel, 'error');
  assert.equal(normaliseSettings({ debounceMs: 1e9 }).debounceMs, 60_000);
  assert.equal(normaliseSettings({ trace: { server: 'verbose' } }).logLevel, 'debug');
  assert.equal(normaliseSettings({ trace: { server: 'verbose' }, logLevel: 'off' }).logLevel, 'off');
});
