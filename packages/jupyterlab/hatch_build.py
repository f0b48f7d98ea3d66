"""A hatchling build hook: the wheel carries the prebuilt labextension, which npm builds (JupyterLab's
template builds it from this hook with hatch-jupyter-builder, which Debian does not package). When it
is missing the build stops here with the command to run, rather than making a wheel without it."""
import os

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LABEXTENSION = os.path.join("relaxlab_jupyterlab", "labextension")


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version, build_data):
        for required in ("package.json", "static"):
            path = os.path.join(self.root, LABEXTENSION, required)
            if not os.path.exists(path):
                raise RuntimeError(
                    f"{path} is missing: build the labextension first "
                    "(npm run build:labextension in the RelaxLab repository; npm run build:wheel does both)"
                )
