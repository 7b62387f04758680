import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { ConfirmationService, type ConfirmationRequest } from '../../src/core/tools/confirmation';
import { asksEveryTime, invisibleFindings, invisibleSentence, modalText, plainTranslate } from '../../src/core/tools/confirmationText';
import { confirmationFor } from '../../src/core/tools/callPreamble';
import { describeFlag, flagToolDescription, flaggedToolReason } from '../../src/core/tools/descriptionFlags';

const request: ConfirmationRequest = {
  connectorId: 'private:fs',
  connectorLabel: 'files',
  toolName: 'run',
  args: { command: 'ls' },
  reason: 'not marked read-only by the server',
  readOnly: false,
  destructive: true,
};

describe("the modal's text (core/tools/confirmationText.ts, what ModalConfirmationPort shows)", () => {
  it('short arguments: the whole text, no cut note, Allow may be offered at once', () => {
    const m = modalText(request, plainTranslate, false);
    assert.equal(m.title, 'Run "run" on files?');
    assert.equal(
      m.detail,
      'The server marks this tool as destructive.\nAsks first because it is not marked read-only by the server.\n\nArguments:\n{\n  "command": "ls"\n}',
    );
    assert.equal(m.mustShowFull, false);
    assert.deepEqual(m.buttons, ['allow', 'allowSession', 'deny']);
    assert.deepEqual(modalText({ ...request, held: 'changed' }, plainTranslate, false).buttons, ['allow', 'deny'], 'a held tool: no session answer');
  });

  it('cut arguments: says how much is hidden, keeps the tail out, and withholds Allow until the full text was shown', () => {
    const args = { command: `echo ${'a'.repeat(5000)}; rm -rf ~` };
    const m = modalText({ ...request, args }, plainTranslate, false);
    assert.equal(m.mustShowFull, true);
    assert.deepEqual(m.buttons, ['showFull', 'deny'], 'no Allow before the full arguments were shown');
    assert.ok(!m.detail.includes('rm -rf'), 'the tail is not in the dialog');
    assert.match(m.detail, /… 3,\d{3} more characters \(5,\d{3} in all\) not shown/);
    assert.match(m.detail, /choose Show Full Arguments to read them first/);
    // Before the preview, where a dialog that scrolls still shows it.
    assert.match(m.detail, /The arguments are 5,\d{3} characters long; the dialog shows the first 2,000\.[^]*\nArguments:\n/);
    assert.ok(m.preview.full.includes('rm -rf ~'), 'the full view has the tail');
    const again = modalText({ ...request, args }, plainTranslate, true);
    assert.equal(again.mustShowFull, false);
    assert.deepEqual(again.buttons, ['allow', 'allowSession', 'showFull', 'deny'], 'asked again, now with Allow (and the full view once more)');
    assert.match(again.detail, /The full arguments \(5,\d{3} characters\) are open in an editor tab\. Allow sends all of them\./);
  });

  it('marks hidden characters in the title and the arguments, and says where they are', () => {
    const m = modalText({ ...request, toolName: 'ru\u200Bn', connectorLabel: 'fi\u202Eles', args: { 'q\u200B': 'x' } }, plainTranslate, false);
    assert.equal(m.title, 'Run "ru⟨U+200B⟩n" on fi⟨U+202E⟩les?');
    assert.ok(m.detail.includes('"q⟨U+200B⟩": "x"'));
    assert.match(m.detail, /Invisible characters are shown as ⟨U\+…⟩ marks \(the tool name: U\+200B; the connector name: U\+202E; the arguments: U\+200B\)/);
    assert.ok(!/[\u200B\u202E]/.test(m.title + m.detail), 'nothing hidden is left raw');
    assert.deepEqual(m.buttons, ['allow', 'deny'], 'hidden characters: asked every time, so no session answer');
  });

  it('uses the translator for every sentence of its own', () => {
    const upper = (s: string, ...a: Array<string | number | boolean>) => plainTranslate(s.toUpperCase(), ...a);
    assert.match(modalText(request, upper, false).detail, /^THE SERVER MARKS THIS TOOL AS DESTRUCTIVE\./);
  });
});

describe('hidden characters are a flag: the call asks first, every time, and says why', () => {
  const readOnlyTool: Tool = { name: 'search', inputSchema: { type: 'object', properties: { q: { type: 'string' } } }, annotations: { readOnlyHint: true } };
  const target = { connectorId: 'private:web', connectorLabel: 'web', subject: '"web"' };

  it('a read-only tool with a zero-width character in its arguments asks, naming the arguments', () => {
    assert.equal(confirmationFor(readOnlyTool, target, { q: 'cats' }, { policy: 'unlessReadOnly' }), undefined, 'control: plain arguments go through');
    const asked = confirmationFor(readOnlyTool, target, { q: 'cats\u200B' }, { policy: 'unlessReadOnly' });
    assert.equal(asked?.reason, 'flagged: the arguments contain invisible characters');
    // Even under listedOnly, where nothing else would ask.
    const byLabel = confirmationFor(readOnlyTool, { ...target, connectorLabel: 'w\u2066eb' }, { q: 'cats' }, { policy: 'listedOnly' });
    assert.equal(byLabel?.reason, 'flagged: the connector name contains invisible characters');
  });

  it('a tool whose name or parameter name hides characters is flagged like a suspicious description', () => {
    const named: Tool = { ...readOnlyTool, name: 'sea\u200Brch' };
    assert.deepEqual(flagToolDescription(named), [{ kind: 'hidden-unicode-name', detail: 'U+200B' }]);
    assert.match(describeFlag(flagToolDescription(named)[0]!), /The tool's name or a parameter name contains invisible characters \(U\+200B/);
    assert.equal(flaggedToolReason(named), 'flagged: its name looks suspicious (its name or a parameter name contains invisible characters)');
    const param: Tool = { ...readOnlyTool, inputSchema: { type: 'object', properties: { 'q\u2067': { type: 'string' } } } };
    assert.equal(flagToolDescription(param)[0]?.kind, 'hidden-unicode-name');
    assert.deepEqual(flagToolDescription(readOnlyTool), [], 'control');
    assert.equal(confirmationFor(named, target, { q: 'cats' }, { policy: 'unlessReadOnly' })?.reason, flaggedToolReason(named));
  });

  it('findings and the sentence name each place once', () => {
    const found = invisibleFindings('t', 'c', { a: '\u200B', b: '\u200B\u00AD' });
    assert.deepEqual(found, [{ where: 'the arguments', names: ['U+200B', 'U+00AD'] }]);
    assert.equal(invisibleSentence([]), undefined);
  });

  it('"Allow for this Session" does not cover a later call whose arguments hide characters', async () => {
    const asked: ConfirmationRequest[] = [];
    const service = new ConfirmationService({ confirm: async (r) => (asked.push(r), 'allowSession') });
    const plain = { ...request, args: { q: 'cats' } };
    assert.equal(await service.request(plain), true);
    assert.equal(await service.request(plain), true);
    assert.equal(asked.length, 1, 'the session answer covers plain calls');
    const hidden = { ...request, args: { q: 'cats\u200B' } };
    assert.equal(asksEveryTime(hidden), true);
    await service.request(hidden);
    await service.request(hidden);
    assert.equal(asked.length, 3, 'asked each time');
  });
});

describe('a name flag covers line breaks too', () => {
  it('a newline in a tool name is flagged (it could forge a line of the CLI prompt)', () => {
    assert.deepEqual(flagToolDescription({ name: 'echo\nok', description: 'Echoes' }), [{ kind: 'hidden-unicode-name', detail: 'U+000A' }]);
  });
});
