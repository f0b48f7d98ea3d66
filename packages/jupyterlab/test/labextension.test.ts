/**
 * The prebuilt (federated) labextension that `npm run build` makes for users of a normal
 * JupyterLab 4 (see README): its remote entry exists, it shares JupyterLab's singletons
 * instead of bundling them, and it carries the settings schema.
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

const DIR = join(__dirname, '..', 'relaxlab_jupyterlab', 'labextension');

test('labextension/ has the remote entry, the schema, and does not bundle JupyterLab itself', () => {
  if (!existsSync(join(DIR, 'package.json'))) throw new Error(`${DIR} is missing: npm run build (or npm run build:labextension) makes it`);
  const meta = JSON.parse(readFileSync(join(DIR, 'package.json'), 'utf8'));
  expect(meta.name).toBe('@relaxlab/jupyterlab');
  const load: string = meta.jupyterlab._build.load;
  expect(load).toMatch(/^static\/remoteEntry\.[0-9a-f]+\.js$/);
  const entry = readFileSync(join(DIR, load), 'utf8');
  // singletons come from the host: the remote entry names them as shared, with the host's versions
  for (const singleton of ['@jupyterlab/application', '@jupyterlab/notebook', '@lumino/widgets']) expect(entry).toContain(`"${singleton}"`);
  expect(existsSync(join(DIR, 'schemas', '@relaxlab', 'jupyterlab', 'plugin.json'))).toBe(true);
  // what the extension bundles (the builder's license list): RelaxLab and vega-embed, never JupyterLab or Lumino
  const bundled = (
    JSON.parse(readFileSync(join(DIR, 'static', 'third-party-licenses.json'), 'utf8')).packages as Array<{ name: string }>
  ).map((p) => p.name);
  expect(bundled).toEqual(expect.arrayContaining(['@relaxlab/core', '@relaxlab/io', 'vega-embed']));
  expect(bundled.filter((name) => /^@(jupyterlab|lumino|jupyter)\//.test(name))).toEqual([]);
});
