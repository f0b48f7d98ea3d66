/**
 * The only way this plugin makes DOM: elements with classes and textContent. There is no
 * innerHTML anywhere in the package, so a sample called `<img src=x onerror=alert(1)>` shows
 * as those characters (the renderer is registered `safe` on that promise).
 */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A table of text cells with a header row. */
export function textTable(className: string, header: string[], rows: string[][]): HTMLTableElement {
  const table = element('table', className);
  const head = table.createTHead().insertRow();
  for (const h of header) head.appendChild(element('th', undefined, h));
  const body = table.createTBody();
  for (const cells of rows) {
    const row = body.insertRow();
    for (const c of cells) row.appendChild(element('td', undefined, c));
  }
  return table;
}

export function button(className: string, label: string, title: string, onClick: () => void): HTMLButtonElement {
  const b = element('button', `jp-Button jp-mod-styled jp-mod-reject ${className}`, label);
  b.type = 'button';
  b.title = title;
  b.addEventListener('click', onClick);
  return b;
}
