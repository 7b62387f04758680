import * as vscode from 'vscode';

const t = vscode.l10n.t;
/** Long enough for a provider that is starting, short enough that nobody waits on a silent one. */
const ANSWER_MS = 5_000;

export interface VscodeModels {
  models: vscode.LanguageModelChat[];
  /** Why there are none to offer, when it is not simply that no provider is installed. */
  unavailable?: string;
}

/** Whether VS Code's own "turn AI features off" switch is on. */
export function aiFeaturesDisabled(): boolean {
  return vscode.workspace.getConfiguration('chat').get<boolean>('disableAIFeatures') === true;
}

/**
 * VS Code's language models, asked so that nothing can hang on them: not asked at all while the
 * person turned AI features off, and given up on (with the reason) when the API stays silent or
 * fails. Every caller that lists or picks VS Code models goes through here.
 */
export async function vscodeModels(selector: vscode.LanguageModelChatSelector = {}): Promise<VscodeModels> {
  if (aiFeaturesDisabled()) {
    return { models: [], unavailable: t("VS Code's AI features are off (chat.disableAIFeatures), so its language models are not used") };
  }
  let timer: NodeJS.Timeout | undefined;
  const silent = new Promise<VscodeModels>((resolve) => {
    timer = setTimeout(
      () => resolve({ models: [], unavailable: t("VS Code's language models did not answer within {0} s", String(ANSWER_MS / 1000)) }),
      ANSWER_MS,
    );
  });
  const asked = Promise.resolve(vscode.lm.selectChatModels(selector)).then(
    (models): VscodeModels => ({ models }),
    (err: unknown): VscodeModels => ({
      models: [],
      unavailable: t("VS Code's language models are not available: {0}", err instanceof Error ? err.message : String(err)),
    }),
  );
  try {
    return await Promise.race([asked, silent]);
  } finally {
    clearTimeout(timer);
  }
}
