/**
 * Notebook templates: every `.ipynb` in the templates folder (setting `templatesDirectory`,
 * default `notebooks/` of the server root) becomes a launcher card in the "RelaxLab" section and
 * a palette command. A new notebook is a copy next to its template (the templates read example
 * data by paths relative to themselves) opened with the TypeScript (tslab) kernel.
 */
import type { Contents } from '@jupyterlab/services';

export const TEMPLATE_KERNEL = 'tslab';
export const LAUNCHER_CATEGORY = 'RelaxLab';

export interface Template {
  path: string;
  /** "01 transient T1" from 01-transient-T1.ipynb. */
  label: string;
  /** Launcher order: the template's number. */
  rank: number;
}

export function templateLabel(name: string): string {
  return name.replace(/\.ipynb$/, '').replace(/[-_]+/g, ' ');
}

/** The templates in `directory`, by number; none when the folder does not exist on this server. */
export async function listTemplates(contents: Contents.IManager, directory: string): Promise<Template[]> {
  let listing: Contents.IModel;
  try {
    listing = await contents.get(directory, { content: true });
  } catch {
    return [];
  }
  const items = Array.isArray(listing.content) ? (listing.content as Contents.IModel[]) : [];
  return items
    .filter((m) => m.type === 'notebook' && !/-Copy\d*\.ipynb$|^Untitled/.test(m.name))
    .map((m) => ({ path: m.path, label: templateLabel(m.name), rank: Number.parseInt(m.name, 10) || 100 }))
    .sort((a, b) => a.rank - b.rank || a.path.localeCompare(b.path));
}

/** The worked example: template 07 when it exists, else 01 (the first template). */
export function workedExample(templates: Template[]): Template | undefined {
  return templates.find((t) => t.rank === 7) ?? templates.find((t) => t.rank === 1) ?? templates[0];
}

export function directoryOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}
