import * as vscode from 'vscode';
import { UserCancelled } from './commandRunner';

/**
 * A multi-step QuickInput flow with a Back button and "(2/5)" step titles.
 * Steps read and write one state object; Back re-runs the previous step with its value kept.
 */

const BACK = Symbol('back');
type StepResult = typeof BACK | void;
export type Step<S> = (input: WizardInput, state: S) => Promise<StepResult>;

export interface WizardInput {
  inputBox(opts: {
    prompt: string;
    placeholder?: string;
    value?: string;
    password?: boolean;
    validate?: (value: string) => string | undefined;
  }): Promise<string | typeof BACK>;
  pick<T extends vscode.QuickPickItem>(opts: { placeholder: string; items: T[]; active?: T }): Promise<T | typeof BACK>;
}

export const isBack = (v: unknown): v is typeof BACK => v === BACK;
export { BACK };

export async function runWizard<S>(title: string, steps: (state: S) => Step<S>[], state: S): Promise<S> {
  const history: number[] = [];
  let index = 0;
  while (true) {
    const list = steps(state);
    if (index >= list.length) return state;
    const input = makeInput(`${title} (${index + 1}/${list.length})`, history.length > 0);
    const result = await list[index](input, state);
    if (result === BACK) index = history.pop() ?? 0;
    else {
      history.push(index);
      index++;
    }
  }
}

function makeInput(title: string, canGoBack: boolean): WizardInput {
  const buttons = canGoBack ? [vscode.QuickInputButtons.Back] : [];
  return {
    inputBox: (opts) =>
      new Promise((resolve, reject) => {
        const box = vscode.window.createInputBox();
        Object.assign(box, {
          title,
          prompt: opts.prompt,
          placeholder: opts.placeholder,
          value: opts.value ?? '',
          password: !!opts.password,
          buttons,
          ignoreFocusOut: true,
        });
        let done = false;
        const finish = (fn: () => void) => {
          done = true;
          fn();
          box.dispose();
        };
        box.onDidChangeValue((v) => (box.validationMessage = v ? opts.validate?.(v) : undefined));
        box.onDidAccept(() => {
          const error = opts.validate?.(box.value);
          if (error) box.validationMessage = error;
          else finish(() => resolve(box.value));
        });
        box.onDidTriggerButton(() => finish(() => resolve(BACK)));
        box.onDidHide(() => !done && finish(() => reject(new UserCancelled())));
        box.show();
      }),
    pick: (opts) =>
      new Promise((resolve, reject) => {
        const qp = vscode.window.createQuickPick<(typeof opts.items)[number]>();
        Object.assign(qp, { title, placeholder: opts.placeholder, items: opts.items, buttons, ignoreFocusOut: true });
        if (opts.active) qp.activeItems = [opts.active];
        let done = false;
        const finish = (fn: () => void) => {
          done = true;
          fn();
          qp.dispose();
        };
        qp.onDidAccept(() => {
          const picked = qp.selectedItems[0] ?? qp.activeItems[0];
          if (picked) finish(() => resolve(picked));
        });
        qp.onDidTriggerButton(() => finish(() => resolve(BACK)));
        qp.onDidHide(() => !done && finish(() => reject(new UserCancelled())));
        qp.show();
      }),
  };
}
