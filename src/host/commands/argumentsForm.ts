import * as vscode from 'vscode';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { coerceField, flatFields, skeletonFor, validateArguments, type FlatField, type JsonSchema } from '../../core/tools/argumentSchema';
import { UserCancelled } from './commandRunner';
import { BACK, isBack, runWizard, type Step } from './wizard';

const t = vscode.l10n.t;
type Args = Record<string, unknown>;

/**
 * Arguments for a tool, generated from its input schema: one QuickInput step per field for flat
 * schemas, otherwise a JSON editor pre-filled with a skeleton and validated when the person runs it.
 * Invalid arguments never leave this function.
 */
export async function collectArguments(tool: Tool, initial?: Args): Promise<Args> {
  const schema = tool.inputSchema as JsonSchema;
  const fields = flatFields(schema);
  if (fields && fields.length === 0) return {};
  const args = fields ? await askFields(tool.name, fields, initial ?? {}) : await editJson(tool, initial);
  validateArguments(schema, args);
  return args;
}

function askFields(toolName: string, fields: FlatField[], initial: Args): Promise<Args> {
  const steps: Step<Args>[] = fields.map((field) => async (input, state) => {
    const current = state[field.name] ?? initial[field.name] ?? field.default;
    const label = `${field.name}${field.required ? '' : ` (${t('optional')})`}`;
    if (field.kind === 'enum' || field.kind === 'boolean') {
      const options = field.kind === 'boolean' ? [true, false] : (field.options ?? []);
      const items = [
        ...options.map((o) => ({ label: String(o), value: o as unknown, description: o === field.default ? t('default') : undefined })),
        ...(field.required ? [] : [{ label: t('(leave empty)'), value: undefined as unknown, description: undefined }]),
      ];
      const picked = await input.pick({ placeholder: `${label}: ${field.description ?? ''}`.trim(), items, active: items.find((i) => i.value === current) });
      if (isBack(picked)) return BACK;
      if (picked.value === undefined) delete state[field.name];
      else state[field.name] = picked.value;
      return;
    }
    const typed = await input.inputBox({
      prompt: `${label} — ${field.kind === 'string[]' ? t('comma-separated list') : field.kind}${field.description ? `: ${field.description}` : ''}`,
      value: current === undefined ? '' : Array.isArray(current) ? current.join(', ') : String(current),
      validate: (v) => (v === '' ? (field.required ? t('"{0}" is required', field.name) : undefined) : coerceField(field, v).error),
    });
    if (isBack(typed)) return BACK;
    if (typed === '') delete state[field.name];
    else state[field.name] = coerceField(field, typed).value;
  });
  return runWizard(toolName, () => steps, { ...pickKnown(initial, fields) });
}

function pickKnown(initial: Args, fields: FlatField[]): Args {
  return Object.fromEntries(fields.filter((f) => initial[f.name] !== undefined).map((f) => [f.name, initial[f.name]]));
}

async function editJson(tool: Tool, initial?: Args): Promise<Args> {
  const text = JSON.stringify(initial ?? skeletonFor(tool.inputSchema as JsonSchema) ?? {}, null, 2);
  const doc = await vscode.workspace.openTextDocument({ language: 'json', content: text });
  await vscode.window.showTextDocument(doc, { preview: false });
  const run = t('Run');
  for (;;) {
    const choice = await vscode.window.showInformationMessage(t('Edit the arguments of "{0}" in the editor, then choose Run.', tool.name), run, t('Cancel'));
    if (choice !== run) throw new UserCancelled();
    try {
      const value: unknown = JSON.parse(doc.getText());
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(t('The arguments must be a JSON object.'));
      validateArguments(tool.inputSchema as JsonSchema, value);
      return value as Args;
    } catch (err) {
      // Stay in the loop: the person fixes the field the message names and runs again.
      void vscode.window.showErrorMessage((err as Error).message);
    }
  }
}
