// Which model an audit would use, decided inside the real extension host.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ConnectorAuditorApi } from '../../src/extension';

describe('model choice', () => {
  it('without a VS Code language model or a Mistral key, falls back to a local OpenAI-compatible server and says why', async () => {
    const ext = vscode.extensions.getExtension<ConnectorAuditorApi>('connector-auditor.connector-auditor');
    assert.ok(ext);
    const api = await ext.activate();
    const hasLm = (await vscode.lm.selectChatModels({})).length > 0;
    const choice = await api.modelChoice();
    if (hasLm) {
      assert.match(choice.id, /^vscode-lm:/);
    } else if (process.env.MISTRAL_API_KEY) {
      assert.match(choice.id, /^mistral:/);
    } else {
      assert.match(choice.id, /^openai:/);
      assert.match(choice.reason, /127\.0\.0\.1:11434.*no VS Code language model and no Mistral key/);
    }
  });

  it('registers the commands that store provider keys in SecretStorage', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    assert.ok(all.has('connectorAuditor.setMistralApiKey'));
    assert.ok(all.has('connectorAuditor.setOpenAiApiKey'));
  });
});
