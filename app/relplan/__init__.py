"""relplan: release planning for ITIL release managers."""

__version__ = "0.1.0"
