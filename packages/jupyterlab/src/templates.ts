/**
 * Notebook templates: every `.ipynb` in the templates folder (setting `templatesDirectory`,
 * default `notebooks/` of the server root) becomes a launcher card in the "RelaxLab" section and
 * a palette command. A new notebook is a copy in the work folder beside the templates folder
 * (work/, at the same depth, so the example data the templates read by relative paths are found),
 * opened with the TypeScript (tslab) kernel: JupyterLab saves outputs into the notebook it runs,
 * and the templates stay as they are.
 */
import { ServerConnection } from '@jupyterlab/services';
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

function directoryOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/**
 * The folder for copies of the templates: `work` beside the templates folder. It is where
 * `npm start` puts its copy of the worked example too (scripts/lab.js), git-ignored in the repo.
 */
export function workDirectoryOf(templatesDirectory: string): string {
  const parent = directoryOf(templatesDirectory.replace(/\/+$/, ''));
  return parent ? `${parent}/work` : 'work';
}

const isNotFound = (error: unknown) => error instanceof ServerConnection.ResponseError && error.response.status === 404;

/** Makes `directory` when it does not exist; a file of that name is an error. */
async function ensureDirectory(contents: Contents.IManager, directory: string): Promise<void> {
  try {
    const model = await contents.get(directory, { content: false });
    if (model.type !== 'directory')
      throw new Error(`${directory} is a file, but RelaxLab keeps the copies of its templates in a folder of that name`);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await contents.save(directory, { type: 'directory' });
  }
}

/** A new copy of `template` in `directory`: the template's name when free, else name-Copy1, -Copy2, … (the server's rule). */
export async function copyTemplate(contents: Contents.IManager, template: string, directory: string): Promise<string> {
  await ensureDirectory(contents, directory);
  return (await contents.copy(template, directory)).path;
}

/** The user's copy of the worked example in `directory`: the one already there, else a new copy. */
export async function workedExampleCopy(contents: Contents.IManager, template: Template, directory: string): Promise<string> {
  const path = `${directory}/${template.path.slice(template.path.lastIndexOf('/') + 1)}`;
  try {
    await contents.get(path, { content: false });
    return path;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  return copyTemplate(contents, template.path, directory);
}
