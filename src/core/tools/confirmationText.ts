import type { ConfirmationRequest } from './confirmation';
import { previewArguments, type ArgumentPreview } from './argumentPreview';
import { findInvisible, listInvisible, revealInvisible } from '../util/invisibleChars';

/**
 * What a confirmation says, in one place for the VS Code modal (which passes vscode.l10n.t) and
 * the CLI prompt: the names with hidden characters marked, the argument preview with how much
 * is cut, and a sentence when anything hides characters. The modal's detail text is built here
 * so it can be tested without VS Code.
 */

/** Where hidden characters were found, as the sentence names it. */
export type InvisiblePlace = 'the tool name' | 'the connector name' | 'the arguments';

export interface InvisibleFinding {
  where: InvisiblePlace;
  /** `U+200B` names, distinct. */
  names: string[];
}

/** Hidden characters in the tool name and connector name (single-line) and the arguments' keys and values. */
export function invisibleFindings(toolName: string, connectorLabel: string, args: Record<string, unknown>): InvisibleFinding[] {
  const found: InvisibleFinding[] = [];
  const tool = findInvisible(toolName, { singleLine: true });
  if (tool.length) found.push({ where: 'the tool name', names: tool });
  const connector = findInvisible(connectorLabel, { singleLine: true });
  if (connector.length) found.push({ where: 'the connector name', names: connector });
  const inArgs = findInvisible(JSON.stringify(args));
  if (inArgs.length) found.push({ where: 'the arguments', names: inArgs });
  return found;
}

/**
 * A question that is asked every time, and never answered for the whole session: a held tool
 * (new or changed since accepted), or a call whose names or arguments hide characters — an
 * earlier "Allow for this Session" was given to text the person could read.
 */
export function asksEveryTime(req: ConfirmationRequest): boolean {
  return req.held !== undefined || invisibleFindings(req.toolName, req.connectorLabel, req.args).length > 0;
}

/** "the tool name and the arguments": the places, joined for a sentence. */
function places(found: readonly InvisibleFinding[]): string {
  const names = found.map((f) => f.where);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
}

/** Read after "it is" (the modal) or "It asks first:" (the CLI), like every confirmation reason. */
export function invisibleConfirmReason(found: readonly InvisibleFinding[]): string {
  return `flagged: ${places(found)} contain${found.length === 1 && found[0]!.where !== 'the arguments' ? 's' : ''} invisible characters`;
}

/** One sentence naming every hidden character and where it is, or undefined when there is none. */
export function invisibleSentence(found: readonly InvisibleFinding[]): string | undefined {
  if (!found.length) return undefined;
  const where = found.map((f) => `${f.where}: ${listInvisible(f.names)}`).join('; ');
  return `Invisible characters are shown as ⟨U+…⟩ marks (${where}). They can hide or reorder what you read; the server receives them as they are.`;
}

/** A translator with vscode.l10n.t's shape; the CLI passes one that only fills in {0}, {1}, …. */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

export const plainTranslate: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));

export type ModalButton = 'allow' | 'allowSession' | 'showFull' | 'deny';

export interface ModalText {
  title: string;
  detail: string;
  preview: ArgumentPreview;
  /** Arguments are cut: Allow is offered only after the person has opened them in full. */
  mustShowFull: boolean;
  /**
   * The answers offered, in order. Cut arguments not yet shown: Show Full Arguments and Deny.
   * A question asked every time (held tool, hidden characters): no Allow for this Session.
   */
  buttons: ModalButton[];
}

/**
 * The modal's title and detail. `fullShown`: the person opened the full arguments, so the
 * dialog asks with Allow and says that Allow approves all of them.
 */
export function modalText(req: ConfirmationRequest, t: Translate, fullShown: boolean): ModalText {
  const preview = previewArguments(req.args);
  const cut = preview.hidden > 0;
  const invisible = invisibleSentence(invisibleFindings(req.toolName, req.connectorLabel, req.args));
  const args = Object.keys(req.args).length ? preview.shown : t('(no arguments)');
  const detail = [
    req.destructive ? t('The server marks this tool as destructive.') : undefined,
    req.held === 'changed' ? t('This tool changed since you accepted it. Review Tool Change… in the Connectors view shows how.') : undefined,
    req.held === 'new' ? t('This is a new tool you have not reviewed. Review Tool Change… in the Connectors view shows it.') : undefined,
    // A held tool's own line above says why it asks.
    req.held ? undefined : t('Asks first because it is {0}.', req.reason),
    invisible,
    // Said before the preview: the dialog scrolls, and the note after it may be out of sight.
    ...(cut
      ? [
          '',
          t(
            'The arguments are {0} characters long; the dialog shows the first {1}.',
            preview.total.toLocaleString('en-US'),
            (preview.total - preview.hidden).toLocaleString('en-US'),
          ),
          fullShown
            ? t('The full arguments ({0} characters) are open in an editor tab. Allow sends all of them.', preview.total.toLocaleString('en-US'))
            : t('Allow would send all of them: choose Show Full Arguments to read them first, then answer.'),
        ]
      : []),
    '',
    t('Arguments:'),
    args,
    ...(cut ? [preview.hiddenNote] : []),
  ]
    .filter((l) => l !== undefined)
    .join('\n');
  const allows: ModalButton[] = asksEveryTime(req) ? ['allow'] : ['allow', 'allowSession'];
  const buttons: ModalButton[] = !cut ? [...allows, 'deny'] : fullShown ? [...allows, 'showFull', 'deny'] : ['showFull', 'deny'];
  return {
    buttons,
    title: t('Run "{0}" on {1}?', revealInvisible(req.toolName, { singleLine: true }), revealInvisible(req.connectorLabel, { singleLine: true })),
    detail,
    preview,
    mustShowFull: cut && !fullShown,
  };
}
