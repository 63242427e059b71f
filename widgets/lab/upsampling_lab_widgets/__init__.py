"""Upsampling Lab's JupyterLab widget extension, prebuilt: the wheel installs it as shared data
under share/jupyter/labextensions/upsampling-lab-widgets, where JupyterLab finds it."""
from importlib.metadata import version

__version__ = version("upsampling_lab_widgets")

