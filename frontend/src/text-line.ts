/**
 * Writes a line of text into an element through its one text node (the node the server created, so the
 * server's own later writes still land in it); as text, never as markup.
 */
export function setLine(element: HTMLElement | null, text: string) {
  if (!element) return;
  const node = element.firstChild;
  if (node instanceof Text) node.data = text;
  else element.textContent = text;
}
