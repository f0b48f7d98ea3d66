"""
The RelaxLab lab server: Debian's jupyter_server with jupyterlab_server's LabServerApp serving
the JupyterLab frontend built in build/ (rspack.config.js), as JupyterLab's examples/app does.

    /usr/bin/python3 packages/app/main.py --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=.

`npm start` (scripts/start-lab.js) runs it with the token in JUPYTER_TOKEN and the repo's tslab
kernel on JUPYTER_PATH. Settings and workspaces live in the user's own Jupyter folders, not here.

Prebuilt (federated) labextensions load from the folders in RELAXLAB_LABEXTENSIONS_PATH (separated
by os.pathsep), each holding `<package name>/package.json` and `static/` as `jupyter labextension`
installs them; jupyterlab_server then lists them in the page config (`federated_extensions`),
serves them under /lab/extensions/ and their settings schemas, and index.js loads them. Without it
the lab loads none, not even the ones installed in the user's Jupyter folders.
"""
import json
import os

from jupyter_core.paths import jupyter_config_dir, jupyter_data_dir
from jupyterlab_server import LabServerApp

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.join(HERE, "build")

# a user's jupyter_server_config.py (extensions, another root) must not change what npm start serves
os.environ["JUPYTER_NO_CONFIG"] = "1"

with open(os.path.join(HERE, "package.json"), encoding="utf-8") as package:
    VERSION = json.load(package)["version"]


def _jupyter_server_extension_points():
    return [{"module": __name__, "app": RelaxLabApp}]


class RelaxLabApp(LabServerApp):
    name = "relaxlab_app"
    app_name = "RelaxLab"
    app_version = VERSION
    extension_url = "/lab"
    default_url = "/lab"
    app_url = "/lab"
    file_url_prefix = "/lab/tree"
    # only this app: no other server extensions found on the machine
    load_other_extensions = False
    static_dir = BUILD
    templates_dir = os.path.join(HERE, "templates")
    # overrides.json: the lab asks no questions about news feeds and makes no update checks
    app_settings_dir = os.path.join(HERE, "settings")
    schemas_dir = os.path.join(BUILD, "schemas")
    themes_dir = os.path.join(BUILD, "themes")
    user_settings_dir = os.path.join(jupyter_config_dir(), "relaxlab", "user-settings")
    # RELAXLAB_WORKSPACES_DIR: a fresh folder per test server, so no layout leaks between runs
    workspaces_dir = os.environ.get("RELAXLAB_WORKSPACES_DIR") or os.path.join(jupyter_data_dir(), "relaxlab", "workspaces")
    labextensions_path = [folder for folder in os.environ.get("RELAXLAB_LABEXTENSIONS_PATH", "").split(os.pathsep) if folder]


if __name__ == "__main__":
    RelaxLabApp.launch_instance()
