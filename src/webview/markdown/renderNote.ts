/**
 * A note inside a rendered answer saying that not all of it is drawn (too deep, too long). It is
 * made by the webview after sanitising (the sanitizer strips its class from anything the Markdown
 * makes, so the model cannot dress text up as one), and it sits in the message where the cut is,
 * so the person sees that something is missing.
 */
export function renderNote(doc: Document, text: string): HTMLElement {
  const note = doc.createElement('p');
  note.className = 'render-note';
  note.setAttribute('role', 'note');
  note.textContent = text;
  return note;
}
