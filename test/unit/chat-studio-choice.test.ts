// Which Studio connectors a Studio-mode chat attaches: the ones it names (a name gone from Studio
// is said, not fatal), else every one up to a cap, saying when some are left out.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CHAT_STUDIO_CAP, chooseStudioConnectors } from '../../src/core/chat/studioChoice';
import type { StudioConnector } from '../../src/core/studio/studioModel';

const connector = (i: number): StudioConnector => ({
  id: `id-${i}`,
  name: `c${i}`,
  description: '',
  visibility: 'private',
  authMethods: [],
  createdAt: '2026-01-01T00:00:00Z',
  modifiedAt: '2026-01-01T00:00:00Z',
});

describe('the Studio connectors of a chat', () => {
  it('attaches every one when the chat names none, and says nothing when all fit', () => {
    const all = [1, 2, 3].map(connector);
    assert.deepEqual(chooseStudioConnectors(all, undefined), { chosen: all, notices: [] });
  });

  it('attaches the first ones up to the cap, and says how to choose', () => {
    const all = Array.from({ length: CHAT_STUDIO_CAP + 5 }, (_, i) => connector(i));
    const { chosen, notices } = chooseStudioConnectors(all, undefined);
    assert.equal(chosen.length, CHAT_STUDIO_CAP);
    assert.equal(notices.length, 1);
    assert.match(notices[0], new RegExp(`${CHAT_STUDIO_CAP + 5} connectors; the first ${CHAT_STUDIO_CAP}`));
    assert.match(notices[0], /Edit connectors/);
    assert.match(chooseStudioConnectors(all.slice(0, 3), undefined, true).notices[0] ?? '', /more than 3/, 'a truncated list says so');
  });

  it('attaches only the named ones, and names the ones Studio no longer has', () => {
    const all = [1, 2, 3].map(connector);
    const { chosen, notices } = chooseStudioConnectors(all, ['id-3', 'id-gone', 'id-1']);
    assert.deepEqual(
      chosen.map((c) => c.id),
      ['id-1', 'id-3'],
    );
    assert.deepEqual(notices, ['The Studio connector id-gone is no longer in Mistral Studio; the audit goes on without it.']);
    assert.deepEqual(chooseStudioConnectors(all, []).chosen, [], 'an empty choice attaches none');
  });
});
