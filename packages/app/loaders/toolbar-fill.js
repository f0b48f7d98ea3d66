// Build-time patch of @jupyter/web-components' Toolbar (jp-toolbar), for this host app only.
//
// Its connectedCallback sets the toolbar's fillColor design token to a recipe evaluated on the
// fill colour of its composed parent. When JupyterLab moves toolbars between parents while a
// notebook opens, the token graph can end up depending on itself: the page logged dozens of
// "RangeError: Maximum call stack size exceeded" while loading, and under CPU load it froze
// after a launcher card opened a notebook (the browser test hung in 2 of 4 loaded runs). The
// same cycle is reported upstream, jupyterlab/jupyterlab#17877, whose workaround is this one:
// drop the derived fill, so a toolbar inherits the fill colour of where it sits (as
// jupyter-ui-toolkit#126 does for toolbars inside toolbars). Only the colour of a toolbar nested
// in another one can differ by one layer step; nothing else changes.
const ORIGINAL = `        const parent = composedParent(this);
        if (parent) {
            fillColor.setValueFor(this, (target) => neutralFillLayerRecipe
                .getValueFor(target)
                .evaluate(target, fillColor.getValueFor(parent)));
        }`;

module.exports = function patchToolbarFill(source) {
  if (!source.includes(ORIGINAL)) {
    throw new Error(
      'packages/app/loaders/toolbar-fill.js: the Toolbar connectedCallback of @jupyter/web-components changed; ' +
        'check whether jupyterlab/jupyterlab#17877 is fixed upstream and update or remove this patch',
    );
  }
  return source.replace(ORIGINAL, '        // fillColor inherited, not derived from the parent (see packages/app/loaders/toolbar-fill.js)');
};
