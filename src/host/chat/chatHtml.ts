import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** Where the webview's files live; the only folders a chat webview may load from (with media/). */
export function chatResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function chatWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: chatResourceRoots(extensionUri) };
}

/**
 * The chat's HTML shell: an empty mount point, the stylesheets and one script. The CSP allows
 * nothing but the webview's own files, scripts only with this load's nonce (a fresh random one
 * each time, so an injected <script> can never guess it), and no remote images (an image URL in
 * a model's answer could leak what the chat contains). `placement` lets the page leave out what
 * the sidebar view's title bar already offers (New Chat, History).
 */
export function chatHtml(webview: vscode.Webview, extensionUri: vscode.Uri, placement: 'view' | 'panel'): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString();
  const csp = [
    `default-src 'none'`,
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${attr(vscode.env.language || 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(asset('codicon.css'))}">
<link rel="stylesheet" href="${attr(asset('chat.css'))}">
<title>${attr(vscode.l10n.t('Auditor Chat'))}</title>
</head>
<body data-placement="${placement}">
<div id="app"></div>
<script nonce="${attr(nonce)}" src="${attr(asset('chat.js'))}"></script>
</body>
</html>`;
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
