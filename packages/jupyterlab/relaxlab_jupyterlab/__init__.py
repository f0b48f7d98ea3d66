"""relaxlab_jupyterlab: the prebuilt @relaxlab/jupyterlab labextension for JupyterLab 4.

The wheel installs it as shared data in share/jupyter/labextensions/@relaxlab/jupyterlab, where
JupyterLab finds it; this module only names it, as JupyterLab's extension template does."""
import json
import os

_HERE = os.path.dirname(os.path.abspath(__file__))


def _version():
    """The version of the installed distribution (the npm package's, see pyproject.toml)."""
    try:
        from importlib.metadata import version

        return version("relaxlab_jupyterlab")
    except Exception:  # running from a source folder that was never installed
        with open(os.path.join(_HERE, "..", "package.json"), encoding="utf-8") as package:
            return json.load(package)["version"]


__version__ = _version()


def _jupyter_labextension_paths():
    """Where `jupyter labextension develop` links from and what it is called (the template's hook)."""
    return [{"src": "labextension", "dest": "@relaxlab/jupyterlab"}]
